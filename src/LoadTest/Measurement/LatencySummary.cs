namespace OrleansChat.LoadTest.Measurement;

/// <summary>Latency figures of one measurement window, in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static LatencySummary None { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
