using System.Numerics;

namespace OrleansChat.LoadTest.Measurement;

/// <summary>
/// A log-linear histogram in the style of HdrHistogram: values below 2,048 are counted exactly;
/// above that each power-of-two range is split into 1,024 equal sub-buckets, so every recorded
/// value is known to within 1/1,024 (three significant digits) at a fixed cost per record (a
/// shift, a leading-zero count and one interlocked increment) and fixed memory (256 KiB).
/// Many threads may record at once; <see cref="Snapshot"/> reads a consistent-enough copy while
/// they do (each bucket is read atomically; a record in flight may be in the count but not yet in
/// the total, which percentiles tolerate).
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Values below this are their own bucket (exact).</summary>
    public const int LinearLimit = 2048;

    /// <summary>Sub-buckets per power of two above <see cref="LinearLimit"/>.</summary>
    public const int SubBuckets = 1024;

    private const int SubBucketBits = 10;

    /// <summary>Largest value tracked (2^42, about 50 days in microseconds); larger ones are clamped to it.</summary>
    public const long MaxTrackableValue = (1L << 42) - 1;

    /// <summary>Number of buckets: 2,048 exact ones, then 1,024 per power of two up to 2^42.</summary>
    public static readonly int BucketCount = IndexOf(MaxTrackableValue) + 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _total;
    private long _sum;
    private long _min = long.MaxValue;
    private long _max = -1;
    private long _clamped;

    /// <summary>Number of values recorded.</summary>
    public long TotalCount => Volatile.Read(ref _total);

    /// <summary>Records one value (negative values count as 0; values above <see cref="MaxTrackableValue"/> are clamped).</summary>
    public void Record(long value)
    {
        if (value < 0)
        {
            value = 0;
        }
        else if (value > MaxTrackableValue)
        {
            value = MaxTrackableValue;
            Interlocked.Increment(ref _clamped);
        }

        Interlocked.Increment(ref _counts[IndexOf(value)]);
        Interlocked.Add(ref _sum, value);
        Interlocked.Increment(ref _total);
        UpdateMax(value);
        UpdateMin(value);
    }

    /// <summary>A copy of the current counts, for percentiles or for subtracting an earlier copy.</summary>
    public HistogramSnapshot Snapshot()
    {
        var counts = new long[_counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
        }

        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        var min = Volatile.Read(ref _min);
        return new HistogramSnapshot(counts, total, Volatile.Read(ref _sum), min == long.MaxValue ? 0 : min, Math.Max(0, Volatile.Read(ref _max)), Volatile.Read(ref _clamped));
    }

    /// <summary>The bucket a value falls in.</summary>
    public static int IndexOf(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        // value has its top bit at position b >= 11; shifting right by (b - 10) leaves a
        // sub-bucket in [1024, 2048), and bucket k = b - 10 starts at index k * 1024 + 1024.
        var shift = 63 - BitOperations.LeadingZeroCount((ulong)value) - SubBucketBits;
        return (shift * SubBuckets) + (int)(value >> shift);
    }

    /// <summary>The smallest value that falls in bucket <paramref name="index"/>.</summary>
    public static long LowestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = (index / SubBuckets) - 1;
        var sub = index - (shift * SubBuckets);
        return (long)sub << shift;
    }

    /// <summary>The largest value that falls in bucket <paramref name="index"/>.</summary>
    public static long HighestEquivalent(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var shift = (index / SubBuckets) - 1;
        var sub = index - (shift * SubBuckets);
        return ((long)(sub + 1) << shift) - 1;
    }

    private void UpdateMax(long value)
    {
        var current = Volatile.Read(ref _max);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void UpdateMin(long value)
    {
        var current = Volatile.Read(ref _min);
        while (value < current)
        {
            var seen = Interlocked.CompareExchange(ref _min, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
