using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// One number per label set: a running sum (Counter, UpDownCounter) or the last value recorded
/// or observed (gauges, and observable counters, whose callbacks report totals).
/// </summary>
internal sealed class ScalarStream : MetricStream<ScalarStream.Series>
{
    private readonly ScalarAggregation _aggregation;

    public ScalarStream(Instrument instrument, string metricName, PrometheusMetricType type, ScalarAggregation aggregation, int maxSeries, ILogger logger)
        : base(instrument, metricName, type, maxSeries, logger)
    {
        _aggregation = aggregation;
    }

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        switch (_aggregation)
        {
            case ScalarAggregation.MonotonicSum:
                // A Prometheus counter never goes down: a negative or NaN increment is a bug in
                // the caller and would corrupt every rate() over the series, so it is dropped.
                if (!(value >= 0))
                {
                    return;
                }

                GetSeries(tags).Add(value);
                break;
            case ScalarAggregation.Sum:
                if (double.IsNaN(value))
                {
                    return;
                }

                GetSeries(tags).Add(value);
                break;
            default:
                GetSeries(tags).Set(value);
                break;
        }
    }

    public override void WriteSeries(PrometheusTextWriter writer, SeriesEntry entry) =>
        writer.WriteSample(MetricName, "", entry.Labels, null, ((Series)entry.Series).Value);

    protected override Series CreateSeries() => new();

    internal sealed class Series
    {
        private double _value;

        public double Value => Volatile.Read(ref _value);

        public void Add(double delta)
        {
            var current = Volatile.Read(ref _value);
            while (true)
            {
                var seen = Interlocked.CompareExchange(ref _value, current + delta, current);
                if (seen.Equals(current))
                {
                    return;
                }

                current = seen;
            }
        }

        public void Set(double value) => Volatile.Write(ref _value, value);
    }
}
