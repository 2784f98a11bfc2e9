using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// The aggregated series of one instrument, one per distinct label set, and how to write them.
/// </summary>
internal abstract class MetricStream
{
    /// <summary>The label a series gets when the instrument has too many label sets.</summary>
    public const string OverflowLabel = "otel_metric_overflow";

    private readonly KeyValuePair<string, object?>[] _constantTags;

    protected MetricStream(Instrument instrument, string metricName, PrometheusMetricType type)
    {
        Instrument = instrument;
        MetricName = metricName;
        Type = type;
        Help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;

        // Meter and instrument tags label every series; the instrument's win over the meter's.
        var constant = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in instrument.Meter.Tags ?? [])
        {
            constant[tag.Key] = tag.Value;
        }

        foreach (var tag in instrument.Tags ?? [])
        {
            constant[tag.Key] = tag.Value;
        }

        _constantTags = [.. constant];
    }

    public Instrument Instrument { get; }

    /// <summary>The Prometheus metric name (family name; counters include <c>_total</c>).</summary>
    public string MetricName { get; }

    public PrometheusMetricType Type { get; }

    public string Help { get; }

    /// <summary>Records one measurement (called by the meter listener on the recording thread).</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Drops the series of an observable instrument before its callbacks run again.</summary>
    public abstract void BeginObservation();

    /// <summary>Adds this stream's current series to <paramref name="into"/>.</summary>
    public abstract void AddSeries(List<SeriesEntry> into);

    /// <summary>Writes the sample lines of one series this stream added.</summary>
    public abstract void WriteSeries(PrometheusTextWriter writer, SeriesEntry entry);

    /// <summary>
    /// Renders constant and measurement tags as a sorted label list without braces. Tags whose
    /// keys sanitize to the same label name are joined with ';' in key order, as OpenTelemetry
    /// specifies, so the output never repeats a label.
    /// </summary>
    protected string RenderLabels(ReadOnlySpan<KeyValuePair<string, object?>> tags, bool overflow)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in _constantTags)
        {
            merged[tag.Key] = tag.Value;
        }

        if (overflow)
        {
            merged[OverflowLabel] = "true";
        }
        else
        {
            foreach (var tag in tags)
            {
                merged[tag.Key] = tag.Value;
            }
        }

        var labels = new SortedDictionary<string, List<KeyValuePair<string, string>>>(StringComparer.Ordinal);
        foreach (var (key, value) in merged)
        {
            var name = PrometheusNaming.SanitizeLabelName(key);
            if (!labels.TryGetValue(name, out var sources))
            {
                labels[name] = sources = [];
            }

            sources.Add(new(key, FormatTagValue(value)));
        }

        var builder = new StringBuilder();
        foreach (var (name, sources) in labels)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            sources.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            PrometheusTextWriter.AppendLabel(builder, name, string.Join(';', sources.Select(static s => s.Value)));
        }

        return builder.ToString();
    }

    private static string FormatTagValue(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
