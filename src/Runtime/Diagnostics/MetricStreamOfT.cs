using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Finds the series for a measurement's tags. The common case (a label set seen before) is one
/// lock-free dictionary lookup by the tag span, without allocating; a new label set takes a
/// lock, renders its labels once, and is capped at a maximum number of series per instrument.
/// </summary>
internal abstract class MetricStream<TSeries> : MetricStream
    where TSeries : class
{
    private readonly int _maxSeries;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private Lookup _lookup = new();
    private bool _overflowLogged;

    protected MetricStream(Instrument instrument, string metricName, PrometheusMetricType type, int maxSeries, ILogger logger)
        : base(instrument, metricName, type)
    {
        _maxSeries = maxSeries;
        _logger = logger;
    }

    public override void BeginObservation()
    {
        lock (_lock)
        {
            _lookup = new Lookup();
        }
    }

    public override void AddSeries(List<SeriesEntry> into)
    {
        lock (_lock)
        {
            foreach (var (labels, series) in _lookup.ByLabels)
            {
                into.Add(new SeriesEntry(labels, this, series));
            }
        }
    }

    protected abstract TSeries CreateSeries();

    protected TSeries GetSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var lookup = _lookup;
        return lookup.ByTags.TryGetValue(tags, out var series) ? series : AddLabelSet(tags);
    }

    private TSeries AddLabelSet(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = TagSet.Create(tags);
        lock (_lock)
        {
            var lookup = _lookup;
            if (lookup.ByTags.TryGetValue(tags, out var existing))
            {
                return existing;
            }

            // Tags that differ only in form (an int and a long 5, a repeated key) render the
            // same labels and must share a series, or the scrape would repeat a sample.
            var overflow = lookup.ByLabels.Count >= _maxSeries;
            var labels = RenderLabels(key.Tags, overflow: false);
            if (!lookup.ByLabels.TryGetValue(labels, out var series))
            {
                if (overflow)
                {
                    labels = RenderLabels(key.Tags, overflow: true);
                    if (!_overflowLogged)
                    {
                        _overflowLogged = true;
                        DiagnosticsLog.SeriesLimitReached(_logger, Instrument.Name, Instrument.Meter.Name, _maxSeries);
                    }
                }

                if (!lookup.ByLabels.TryGetValue(labels, out series))
                {
                    series = CreateSeries();
                    lookup.ByLabels.Add(labels, series);
                }
            }

            // Overflowed label sets are not remembered, so an attacker-controlled tag cannot
            // grow memory without bound; they pay the slow path instead.
            if (!overflow)
            {
                lookup.Tags.TryAdd(key, series);
            }

            return series;
        }
    }

    private sealed class Lookup
    {
        public Lookup()
        {
            Tags = new ConcurrentDictionary<TagSet, TSeries>(TagSetComparer.Instance);
            ByTags = Tags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        }

        public ConcurrentDictionary<TagSet, TSeries> Tags { get; }

        public ConcurrentDictionary<TagSet, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> ByTags { get; }

        public Dictionary<string, TSeries> ByLabels { get; } = new(StringComparer.Ordinal);
    }
}
