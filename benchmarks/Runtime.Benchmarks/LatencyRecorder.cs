using System.Diagnostics;

namespace OrleansChat.Runtime.Benchmarks;

/// <summary>Keeps every sample of one worker (exact percentiles; memory is cheap next to accuracy here).</summary>
internal sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];

    public int Count { get; private set; }

    public void Record(long startTimestamp, long endTimestamp)
    {
        if (Count < _ticks.Length)
        {
            _ticks[Count++] = endTimestamp - startTimestamp;
        }
    }

    public static LatencySummary Summarize(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r._ticks.Take(r.Count)).ToArray();
        Array.Sort(all);
        double Micros(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1_000_000.0 / Stopwatch.Frequency;
        return new LatencySummary(all.Length, Micros(0.50), Micros(0.99), Micros(0.999));
    }
}

internal sealed record LatencySummary(int Samples, double P50Micros, double P99Micros, double P999Micros);
