namespace OrleansChat.LoadTest.Measurement;

/// <summary>
/// Counts of a <see cref="LatencyHistogram"/> at one moment. Percentiles follow HdrHistogram:
/// the value at percentile p is the highest value equivalent to the smallest recorded value whose
/// cumulative count reaches ceil(p/100 × total) (at least 1), capped at the recorded maximum. So
/// below <see cref="LatencyHistogram.LinearLimit"/> a percentile is exactly the sorted reference's
/// element at that rank, and above it the reference element's bucket.
/// </summary>
internal sealed class HistogramSnapshot
{
    private readonly long[] _counts;

    internal HistogramSnapshot(long[] counts, long totalCount, long sum, long min, long max, long clamped)
    {
        _counts = counts;
        TotalCount = totalCount;
        Sum = sum;
        Min = min;
        Max = max;
        Clamped = clamped;
    }

    /// <summary>An empty snapshot (no values).</summary>
    public static HistogramSnapshot Empty { get; } = new(new long[LatencyHistogram.BucketCount], 0, 0, 0, 0, 0);

    public long TotalCount { get; }

    public long Sum { get; }

    /// <summary>Smallest value (exact for a whole-run snapshot; the lowest bucket's floor for a difference).</summary>
    public long Min { get; }

    /// <summary>Largest value (exact for a whole-run snapshot; the highest bucket's ceiling for a difference).</summary>
    public long Max { get; }

    /// <summary>Values that were above the trackable range and were clamped.</summary>
    public long Clamped { get; }

    public double Mean => TotalCount == 0 ? 0 : (double)Sum / TotalCount;

    /// <summary>The value at percentile <paramref name="percentile"/> (0..100); 0 when empty.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The percentile is outside 0..100.</exception>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percentile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        if (TotalCount == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * TotalCount));
        rank = Math.Min(rank, TotalCount);
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += _counts[i];
            if (cumulative >= rank)
            {
                return Math.Min(LatencyHistogram.HighestEquivalent(i), Max);
            }
        }

        return Max;
    }

    /// <summary>The values recorded since <paramref name="earlier"/> (a snapshot of the same histogram).</summary>
    public HistogramSnapshot Since(HistogramSnapshot earlier)
    {
        var counts = new long[_counts.Length];
        long total = 0;
        int lowest = -1, highest = -1;
        for (var i = 0; i < counts.Length; i++)
        {
            var c = Math.Max(0, _counts[i] - earlier._counts[i]);
            counts[i] = c;
            total += c;
            if (c > 0)
            {
                highest = i;
                if (lowest < 0)
                {
                    lowest = i;
                }
            }
        }

        var max = highest < 0 ? 0 : Math.Min(LatencyHistogram.HighestEquivalent(highest), Max);
        var min = lowest < 0 ? 0 : Math.Max(LatencyHistogram.LowestEquivalent(lowest), Min);
        return new HistogramSnapshot(counts, total, Sum - earlier.Sum, min, max, Clamped - earlier.Clamped);
    }

    /// <summary>Count, mean and the standard percentiles, converted with <paramref name="scale"/> (e.g. 0.001 for µs to ms).</summary>
    public LatencySummary Summarize(double scale) => new(
        TotalCount,
        Mean * scale,
        ValueAtPercentile(50) * scale,
        ValueAtPercentile(90) * scale,
        ValueAtPercentile(99) * scale,
        ValueAtPercentile(99.9) * scale,
        Max * scale);
}
