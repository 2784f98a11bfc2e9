namespace OrleansChat.Runtime.Diagnostics;

/// <summary>Default explicit bucket boundaries for histograms whose instrument gives none.</summary>
public static class HistogramBuckets
{
    /// <summary>
    /// Latency in seconds: from half a millisecond (an in-silo grain call) to 30 s (the default
    /// grain call timeout), roughly 1-2.5-5 per decade.
    /// </summary>
    public static IReadOnlyList<double> Seconds { get; } =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    /// <summary>The same latency buckets in milliseconds.</summary>
    public static IReadOnlyList<double> Milliseconds { get; } =
        [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000];

    /// <summary>Any other unit: OpenTelemetry's default boundaries.</summary>
    public static IReadOnlyList<double> Default { get; } =
        [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    /// <summary>The default boundaries for an instrument's UCUM unit.</summary>
    public static IReadOnlyList<double> ForUnit(string? unit) => unit switch
    {
        "s" => Seconds,
        "ms" => Milliseconds,
        _ => Default,
    };
}
