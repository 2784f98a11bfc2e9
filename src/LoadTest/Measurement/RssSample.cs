namespace OrleansChat.LoadTest.Measurement;

/// <summary>Resident memory of a process, in KiB: all of it, and the anonymous part (heaps, stacks; no mapped files).</summary>
internal sealed record RssSample(long RssKiB, long RssAnonKiB);
