using OrleansChat.LoadTest.Measurement;

namespace OrleansChat.LoadTest.Tests.Measurement;

public sealed class LatencyHistogramTests
{
    private static readonly double[] Percentiles = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

    [Fact]
    public void Percentiles_of_values_below_the_linear_limit_equal_the_sorted_reference_exactly()
    {
        var random = new Random(1);
        var values = Enumerable.Range(0, 10_007).Select(_ => (long)random.Next(0, LatencyHistogram.LinearLimit)).ToArray();
        var snapshot = Record(values);
        var sorted = values.Order().ToArray();

        foreach (var p in Percentiles)
        {
            Assert.Equal(Reference(sorted, p), snapshot.ValueAtPercentile(p));
        }

        Assert.Equal(sorted[0], snapshot.Min);
        Assert.Equal(sorted[^1], snapshot.Max);
        Assert.Equal(values.Average(), snapshot.Mean, 9);
    }

    [Fact]
    public void Percentiles_of_large_values_are_the_reference_values_bucket_capped_at_the_maximum()
    {
        var random = new Random(2);
        // Log-uniform from 1 µs to about 17 minutes: every power-of-two range gets values.
        var values = Enumerable.Range(0, 20_011).Select(_ => (long)Math.Exp(random.NextDouble() * Math.Log(1e9))).ToArray();
        var snapshot = Record(values);
        var sorted = values.Order().ToArray();

        foreach (var p in Percentiles)
        {
            var reference = Reference(sorted, p);
            var expected = Math.Min(LatencyHistogram.HighestEquivalent(LatencyHistogram.IndexOf(reference)), sorted[^1]);
            var reported = snapshot.ValueAtPercentile(p);
            Assert.Equal(expected, reported);
            Assert.True(reported - reference <= Math.Max(1, reference / 1024), $"p{p}: {reported} is more than 1/1024 above {reference}");
        }
    }

    [Fact]
    public void Every_value_lies_within_its_buckets_bounds_and_buckets_grow_with_values()
    {
        var previous = -1;
        for (long value = 0; value < 1L << 30; value = value < 4096 ? value + 1 : value + (value / 700) + 1)
        {
            var index = LatencyHistogram.IndexOf(value);
            Assert.InRange(value, LatencyHistogram.LowestEquivalent(index), LatencyHistogram.HighestEquivalent(index));
            Assert.True(index >= previous, $"index of {value} went down");
            previous = index;
        }

        var top = LatencyHistogram.IndexOf(LatencyHistogram.MaxTrackableValue);
        Assert.Equal(LatencyHistogram.BucketCount - 1, top);
        Assert.Equal(LatencyHistogram.HighestEquivalent(top - 1) + 1, LatencyHistogram.LowestEquivalent(top));
    }

    [Fact]
    public void A_snapshot_difference_holds_only_the_values_recorded_in_between()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 1000; i++)
        {
            histogram.Record(10_000);
        }

        var before = histogram.Snapshot();
        var window = Enumerable.Range(1, 999).Select(i => (long)i).ToArray();
        foreach (var value in window)
        {
            histogram.Record(value);
        }

        var difference = histogram.Snapshot().Since(before);

        Assert.Equal(window.Length, difference.TotalCount);
        Assert.Equal(window.Sum(), difference.Sum);
        Assert.Equal(500, difference.ValueAtPercentile(50));
        Assert.Equal(999, difference.ValueAtPercentile(100));
        Assert.Equal(1, difference.Min);
    }

    [Fact]
    public async Task Values_recorded_from_many_threads_at_once_are_all_counted()
    {
        var histogram = new LatencyHistogram();
        const int PerThread = 200_000;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                histogram.Record((i % 5000) + t);
            }
        })));

        var snapshot = histogram.Snapshot();
        Assert.Equal(4 * PerThread, snapshot.TotalCount);
        Assert.Equal(4 * PerThread, histogram.TotalCount);
        Assert.Equal(4999 + 3, snapshot.Max);
        Assert.Equal(0, snapshot.Min);
    }

    [Fact]
    public void Values_out_of_range_are_clamped_and_counted()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        var snapshot = histogram.Snapshot();
        Assert.Equal(0, snapshot.Min);
        Assert.Equal(LatencyHistogram.MaxTrackableValue, snapshot.Max);
        Assert.Equal(1, snapshot.Clamped);
    }

    [Fact]
    public void An_empty_histogram_reports_zero_and_rejects_percentiles_outside_0_to_100()
    {
        var snapshot = new LatencyHistogram().Snapshot();

        Assert.Equal(0, snapshot.ValueAtPercentile(99));
        Assert.Equal(0, snapshot.Mean);
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.ValueAtPercentile(100.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => snapshot.ValueAtPercentile(-1));
    }

    private static HistogramSnapshot Record(long[] values)
    {
        var histogram = new LatencyHistogram();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        return histogram.Snapshot();
    }

    /// <summary>The element of a sorted sample at percentile p: rank ceil(p/100 × n), at least 1.</summary>
    private static long Reference(long[] sorted, double p)
    {
        var rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * sorted.Length));
        return sorted[Math.Min(rank, sorted.Length) - 1];
    }
}
