using System.Diagnostics.Metrics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Explicit-bucket histogram per label set. Buckets are counted individually and made
/// cumulative when written, as Prometheus' <c>le</c> ("less than or equal") buckets require.
/// </summary>
internal sealed class HistogramStream : MetricStream<HistogramStream.Series>
{
    private readonly double[] _bounds;
    private readonly string[] _leLabels;

    public HistogramStream(Instrument instrument, string metricName, IReadOnlyList<double> bounds, int maxSeries, ILogger logger)
        : base(instrument, metricName, PrometheusMetricType.Histogram, maxSeries, logger)
    {
        _bounds = [.. bounds];
        _leLabels = new string[_bounds.Length + 1];
        for (var i = 0; i < _bounds.Length; i++)
        {
            _leLabels[i] = LeLabel(PrometheusTextWriter.FormatValue(_bounds[i]));
        }

        _leLabels[^1] = LeLabel("+Inf");
    }

    /// <summary>The upper bounds of the finite buckets, ascending.</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        // The first bucket whose bound is >= value; values above every bound go to +Inf.
        var index = Array.BinarySearch(_bounds, value);
        if (index < 0)
        {
            index = ~index;
        }

        GetSeries(tags).Record(index, value);
    }

    public override void WriteSeries(PrometheusTextWriter writer, SeriesEntry entry)
    {
        var (counts, sum, count) = ((Series)entry.Series).Snapshot();
        long cumulative = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            cumulative += counts[i];
            writer.WriteSample(MetricName, "_bucket", entry.Labels, _leLabels[i], cumulative);
        }

        writer.WriteSample(MetricName, "_sum", entry.Labels, null, sum);
        writer.WriteSample(MetricName, "_count", entry.Labels, null, count);
    }

    protected override Series CreateSeries() => new(_bounds.Length + 1);

    private static string LeLabel(string bound)
    {
        var builder = new StringBuilder();
        PrometheusTextWriter.AppendLabel(builder, "le", bound);
        return builder.ToString();
    }

    internal sealed class Series(int bucketCount)
    {
        private readonly Lock _lock = new();
        private readonly long[] _counts = new long[bucketCount];
        private double _sum;
        private long _count;

        public void Record(int bucket, double value)
        {
            lock (_lock)
            {
                _counts[bucket]++;
                _sum += value;
                _count++;
            }
        }

        /// <summary>Counts, sum and count taken together, so the +Inf bucket equals the count.</summary>
        public (long[] Counts, double Sum, long Count) Snapshot()
        {
            lock (_lock)
            {
                return ([.. _counts], _sum, _count);
            }
        }
    }
}
