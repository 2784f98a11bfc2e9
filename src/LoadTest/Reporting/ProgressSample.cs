using OrleansChat.LoadTest.Measurement;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>One second of a run, for the live display.</summary>
internal sealed record ProgressSample(
    string Phase,
    double ElapsedSeconds,
    int Connected,
    int Clients,
    double SendsPerSecond,
    double AckedPerSecond,
    double DeliveredPerSecond,
    LatencySummary Latency,
    long Errors,
    long Reconnects,
    long Duplicates);
