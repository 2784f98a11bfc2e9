using System.Globalization;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>
/// The run's objectives (<c>--slo-p99-ms</c>, <c>--slo-error-rate</c>) and the exit code they lead to.
/// A limit that is not given is not checked.
/// </summary>
internal sealed record SloPolicy(double? P99LimitMs, double? ErrorRateLimit)
{
    public static SloPolicy None { get; } = new(null, null);

    /// <exception cref="ArgumentOutOfRangeException">A limit is negative, or the error rate limit is above 1.</exception>
    public SloPolicy Validate()
    {
        if (P99LimitMs is < 0 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(P99LimitMs), P99LimitMs, "The p99 limit must be zero or more milliseconds.");
        }

        if (ErrorRateLimit is < 0 or > 1 or double.NaN)
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorRateLimit), ErrorRateLimit, "The error rate limit is a fraction between 0 and 1 (0.001 = 0.1 %).");
        }

        return this;
    }

    /// <summary>Judges measured figures; with no latency measured (count 0) the p99 limit cannot be met.</summary>
    public SloVerdict Evaluate(double measuredP99Ms, long latencyCount, double measuredErrorRate)
    {
        var reasons = new List<string>();
        if (P99LimitMs is { } limit)
        {
            if (latencyCount == 0)
            {
                reasons.Add("no latency was measured, so the p99 objective cannot be shown to hold");
            }
            else if (measuredP99Ms > limit)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"p99 {measuredP99Ms:0.###} ms > {limit:0.###} ms"));
            }
        }

        if (ErrorRateLimit is { } rate && measuredErrorRate > rate)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"error rate {measuredErrorRate:0.######} > {rate:0.######}"));
        }

        return new SloVerdict(P99LimitMs, ErrorRateLimit, measuredP99Ms, measuredErrorRate, reasons.Count > 0, reasons);
    }

    /// <summary>The process exit code for a verdict.</summary>
    public static int ExitCodeFor(SloVerdict? verdict) => verdict is { Violated: true } ? ExitCodes.SloViolated : ExitCodes.Ok;
}
