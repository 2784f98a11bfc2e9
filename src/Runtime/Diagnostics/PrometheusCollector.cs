using System.Diagnostics.Metrics;
using System.Numerics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Listens to this process's OrleansChat meters and keeps the aggregates a Prometheus scrape
/// reads: sums for counters, last values for gauges, bucket counts for histograms. Observable
/// instruments are observed on each scrape. Writes the text exposition format 0.0.4.
/// </summary>
internal sealed class PrometheusCollector : IDisposable
{
    /// <summary>Meters whose names start with this are collected.</summary>
    public const string MeterNamePrefix = "OrleansChat";

    /// <summary>
    /// Label sets kept per instrument before new ones fold into one overflow series (the
    /// OpenTelemetry SDK's default cardinality limit): a tag with unbounded values must not
    /// exhaust a silo's memory.
    /// </summary>
    public const int DefaultMaxSeriesPerInstrument = 2000;

    private readonly Func<Meter, bool> _meterFilter;
    private readonly ILogger _logger;
    private readonly int _maxSeriesPerInstrument;
    private readonly Lock _streamsLock = new();
    private readonly Dictionary<Instrument, MetricStream> _streams = [];
    private readonly Lock _scrapeLock = new();
    private readonly MeterListener _listener;

    /// <param name="meterFilter">Which meters to collect (see <see cref="OwnMeters"/>).</param>
    /// <param name="logger">Where conflicts and failed callbacks are reported.</param>
    /// <param name="maxSeriesPerInstrument">Label sets kept per instrument.</param>
    public PrometheusCollector(Func<Meter, bool> meterFilter, ILogger<PrometheusCollector> logger, int maxSeriesPerInstrument = DefaultMaxSeriesPerInstrument)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSeriesPerInstrument, 1);
        _meterFilter = meterFilter;
        _logger = logger;
        _maxSeriesPerInstrument = maxSeriesPerInstrument;
        _listener = new MeterListener
        {
            InstrumentPublished = OnInstrumentPublished,
            MeasurementsCompleted = OnMeasurementsCompleted,
        };
        Subscribe<byte>();
        Subscribe<short>();
        Subscribe<int>();
        Subscribe<long>();
        Subscribe<float>();
        Subscribe<double>();
        Subscribe<decimal>();

        // Start() publishes the instruments that already exist, so this comes last.
        _listener.Start();
    }

    /// <summary>
    /// The meters of one host: name starts with <see cref="MeterNamePrefix"/>, and created by
    /// that host's <see cref="IMeterFactory"/> or without a factory. Several hosts in one process
    /// (tests, a co-hosted silo and gateway) then each export only their own instruments.
    /// </summary>
    public static Func<Meter, bool> OwnMeters(IMeterFactory meterFactory) =>
        meter => meter.Name.StartsWith(MeterNamePrefix, StringComparison.Ordinal)
            && (meter.Scope is null || ReferenceEquals(meter.Scope, meterFactory));

    /// <summary>Observes the observable instruments and returns the whole exposition.</summary>
    public string Collect()
    {
        var output = new StringBuilder();
        Collect(output);
        return output.ToString();
    }

    /// <summary>Observes the observable instruments and appends the whole exposition.</summary>
    public void Collect(StringBuilder output)
    {
        // One scrape at a time: observing resets observable series and must not interleave.
        lock (_scrapeLock)
        {
            MetricStream[] streams;
            lock (_streamsLock)
            {
                streams = [.. _streams.Values];
            }

            foreach (var stream in streams)
            {
                if (stream.Instrument.IsObservable)
                {
                    stream.BeginObservation();
                }
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (Exception exception)
            {
                // The listener runs every callback and throws their failures together at the end,
                // so the other instruments' values are still there to write.
                DiagnosticsLog.ObservableCallbackFailed(_logger, exception);
            }

            Write(new PrometheusTextWriter(output), streams);
        }
    }

    public void Dispose() => _listener.Dispose();

    private static void Write(PrometheusTextWriter writer, MetricStream[] streams)
    {
        var families = streams
            .GroupBy(static s => s.MetricName, StringComparer.Ordinal)
            .OrderBy(static g => g.Key, StringComparer.Ordinal);
        var series = new List<SeriesEntry>();
        foreach (var family in families)
        {
            series.Clear();
            foreach (var stream in family)
            {
                stream.AddSeries(series);
            }

            if (series.Count == 0)
            {
                continue;
            }

            // The help text of the instrument registered first under the name wins, stably.
            var first = family.OrderBy(static s => s.Instrument.Meter.Name, StringComparer.Ordinal).First();
            writer.WriteHelp(family.Key, first.Help);
            writer.WriteType(family.Key, first.Type);
            series.Sort(static (a, b) => string.CompareOrdinal(a.Labels, b.Labels));
            foreach (var entry in series)
            {
                entry.Stream.WriteSeries(writer, entry);
            }
        }
    }

    private void Subscribe<T>()
        where T : struct, INumberBase<T> =>
        _listener.SetMeasurementEventCallback<T>(static (instrument, measurement, tags, state) =>
            ((MetricStream)state!).Record(double.CreateTruncating(measurement), tags));

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meterFilter(instrument.Meter))
        {
            return;
        }

        var stream = CreateStream(instrument);
        if (stream is null)
        {
            DiagnosticsLog.UnknownInstrumentKind(_logger, instrument.Name, instrument.Meter.Name, instrument.GetType().Name);
            return;
        }

        lock (_streamsLock)
        {
            // Two instruments may share a metric name (the same name in two meters) only if
            // they agree on the type; otherwise Prometheus would reject the whole scrape.
            var clash = _streams.Values.FirstOrDefault(s => s.MetricName == stream.MetricName && s.Type != stream.Type);
            if (clash is not null)
            {
                DiagnosticsLog.MetricTypeConflict(_logger, instrument.Name, instrument.Meter.Name, stream.MetricName, clash.Type, stream.Type);
                return;
            }

            _streams[instrument] = stream;
        }

        listener.EnableMeasurementEvents(instrument, stream);
    }

    private void OnMeasurementsCompleted(Instrument instrument, object? state)
    {
        // The instrument's meter was disposed (its host stopped): its series go with it.
        lock (_streamsLock)
        {
            _streams.Remove(instrument);
        }
    }

    private MetricStream? CreateStream(Instrument instrument)
    {
        var type = instrument.GetType();
        var kind = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (kind == typeof(Histogram<>))
        {
            var bounds = AdvisedBounds(instrument) ?? HistogramBuckets.ForUnit(instrument.Unit);
            var name = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, PrometheusMetricType.Histogram);
            return new HistogramStream(instrument, name, bounds, _maxSeriesPerInstrument, _logger);
        }

        (PrometheusMetricType Type, ScalarAggregation Aggregation)? mapping =
            kind == typeof(Counter<>) ? (PrometheusMetricType.Counter, ScalarAggregation.MonotonicSum)
            : kind == typeof(ObservableCounter<>) ? (PrometheusMetricType.Counter, ScalarAggregation.LastValue)
            : kind == typeof(UpDownCounter<>) ? (PrometheusMetricType.Gauge, ScalarAggregation.Sum)
            : kind == typeof(ObservableUpDownCounter<>) ? (PrometheusMetricType.Gauge, ScalarAggregation.LastValue)
            : kind == typeof(Gauge<>) || kind == typeof(ObservableGauge<>) ? (PrometheusMetricType.Gauge, ScalarAggregation.LastValue)
            : null;
        if (mapping is not { } m)
        {
            return null;
        }

        var metricName = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, m.Type);
        return new ScalarStream(instrument, metricName, m.Type, m.Aggregation, _maxSeriesPerInstrument, _logger);
    }

    // Bucket boundaries the instrument's author advised (InstrumentAdvice), if usable.
    private static double[]? AdvisedBounds(Instrument instrument)
    {
        var bounds = instrument switch
        {
            Instrument<byte> i => Convert(i.Advice?.HistogramBucketBoundaries),
            Instrument<short> i => Convert(i.Advice?.HistogramBucketBoundaries),
            Instrument<int> i => Convert(i.Advice?.HistogramBucketBoundaries),
            Instrument<long> i => Convert(i.Advice?.HistogramBucketBoundaries),
            Instrument<float> i => Convert(i.Advice?.HistogramBucketBoundaries),
            Instrument<double> i => Convert(i.Advice?.HistogramBucketBoundaries),
            Instrument<decimal> i => Convert(i.Advice?.HistogramBucketBoundaries),
            _ => null,
        };
        if (bounds is null || bounds.Length == 0)
        {
            return null;
        }

        for (var i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                return null;
            }
        }

        return bounds;

        static double[]? Convert<T>(IReadOnlyList<T>? values)
            where T : struct, INumberBase<T> =>
            values?.Select(static v => double.CreateTruncating(v)).ToArray();
    }
}
