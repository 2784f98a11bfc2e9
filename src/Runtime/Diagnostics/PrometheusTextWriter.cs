using System.Globalization;
using System.Text;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Writes the Prometheus text exposition format, version 0.0.4: <c># HELP</c> and
/// <c># TYPE</c> lines, then one sample per line, each line ending in <c>\n</c>.
/// </summary>
internal sealed class PrometheusTextWriter(StringBuilder output)
{
    /// <summary>The content type of this format, as the <c>/metrics</c> endpoint sends it.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Writes <c># HELP name text</c>; backslashes and line feeds in the text are escaped.</summary>
    public void WriteHelp(string metricName, string help)
    {
        output.Append("# HELP ").Append(metricName).Append(' ');
        foreach (var c in help)
        {
            _ = c switch
            {
                '\\' => output.Append(@"\\"),
                '\n' => output.Append(@"\n"),
                _ => output.Append(c),
            };
        }

        output.Append('\n');
    }

    /// <summary>Writes <c># TYPE name counter|gauge|histogram</c>.</summary>
    public void WriteType(string metricName, PrometheusMetricType type)
    {
        var typeName = type switch
        {
            PrometheusMetricType.Counter => "counter",
            PrometheusMetricType.Gauge => "gauge",
            PrometheusMetricType.Histogram => "histogram",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown metric type."),
        };
        output.Append("# TYPE ").Append(metricName).Append(' ').Append(typeName).Append('\n');
    }

    /// <summary>
    /// Writes one sample: <c>name{labels} value</c>. <paramref name="labels"/> is the rendered
    /// label list without braces (see <see cref="AppendLabel"/>); <paramref name="extraLabel"/>
    /// is appended after it, for a histogram bucket's <c>le</c>.
    /// </summary>
    public void WriteSample(string metricName, string suffix, string labels, string? extraLabel, double value)
    {
        output.Append(metricName).Append(suffix);
        if (labels.Length > 0 || extraLabel is not null)
        {
            output.Append('{').Append(labels);
            if (extraLabel is not null)
            {
                if (labels.Length > 0)
                {
                    output.Append(',');
                }

                output.Append(extraLabel);
            }

            output.Append('}');
        }

        output.Append(' ');
        AppendValue(output, value);
        output.Append('\n');
    }

    /// <summary>Appends <c>name="value"</c> with the value escaped for the text format.</summary>
    public static void AppendLabel(StringBuilder builder, string name, string value)
    {
        builder.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => builder.Append(@"\\"),
                '"' => builder.Append("\\\""),
                '\n' => builder.Append(@"\n"),
                _ => builder.Append(c),
            };
        }

        builder.Append('"');
    }

    /// <summary>
    /// Appends a sample value as Prometheus (Go's ParseFloat) reads it: <c>+Inf</c>,
    /// <c>-Inf</c>, <c>NaN</c>, or the shortest invariant-culture text that round-trips.
    /// </summary>
    public static void AppendValue(StringBuilder builder, double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            builder.Append("+Inf");
        }
        else if (double.IsNegativeInfinity(value))
        {
            builder.Append("-Inf");
        }
        else if (double.IsNaN(value))
        {
            builder.Append("NaN");
        }
        else
        {
            builder.Append(value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The text of <see cref="AppendValue"/> as a string (for <c>le</c> labels).</summary>
    public static string FormatValue(double value)
    {
        var builder = new StringBuilder();
        AppendValue(builder, value);
        return builder.ToString();
    }
}
