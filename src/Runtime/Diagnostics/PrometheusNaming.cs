using System.Text;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Turns OpenTelemetry-style instrument names, units and tag keys into valid Prometheus names,
/// following the OpenTelemetry-to-Prometheus compatibility rules: invalid characters become
/// underscores, the unit becomes a suffix (<c>s</c> becomes <c>_seconds</c>), and counters end
/// in <c>_total</c>.
/// </summary>
internal static class PrometheusNaming
{
    // UCUM units as OpenTelemetry instruments declare them, spelled the way Prometheus does.
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["d"] = "days",
        ["h"] = "hours",
        ["min"] = "minutes",
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["GiBy"] = "gibibytes",
        ["KBy"] = "kilobytes",
        ["MBy"] = "megabytes",
        ["GBy"] = "gigabytes",
        ["bit"] = "bits",
        ["m"] = "meters",
        ["V"] = "volts",
        ["A"] = "amperes",
        ["J"] = "joules",
        ["W"] = "watts",
        ["g"] = "grams",
        ["Cel"] = "celsius",
        ["Hz"] = "hertz",
        ["%"] = "percent",
    };

    // The denominator of a rate unit ("By/s") is singular: bytes_per_second.
    private static readonly Dictionary<string, string> PerUnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "second",
        ["m"] = "minute",
        ["min"] = "minute",
        ["h"] = "hour",
        ["d"] = "day",
        ["w"] = "week",
        ["mo"] = "month",
        ["y"] = "year",
    };

    /// <summary>
    /// The metric name for an instrument: sanitized name, unit suffix (unless the name already
    /// ends with it), and <c>_total</c> for counters.
    /// </summary>
    public static string MetricName(string instrumentName, string? unit, PrometheusMetricType type)
    {
        var name = SanitizeMetricName(instrumentName);
        var counterSuffixed = false;
        if (type == PrometheusMetricType.Counter && name.EndsWith("_total", StringComparison.Ordinal) && name.Length > "_total".Length)
        {
            // "_total" goes last, after the unit: requests_total + s -> requests_seconds_total.
            name = name[..^"_total".Length];
            counterSuffixed = true;
        }

        var unitSuffix = UnitSuffix(unit, type);
        if (unitSuffix.Length > 0 && !name.EndsWith("_" + unitSuffix, StringComparison.Ordinal) && name != unitSuffix)
        {
            name = name + "_" + unitSuffix;
        }

        if (type == PrometheusMetricType.Counter || counterSuffixed)
        {
            name += "_total";
        }

        return name;
    }

    /// <summary>
    /// A valid metric name (<c>[a-zA-Z_:][a-zA-Z0-9_:]*</c>): every other character becomes an
    /// underscore, runs of underscores collapse to one, and a leading digit gets an underscore.
    /// </summary>
    public static string SanitizeMetricName(string name) => Sanitize(name, allowColon: true, collapse: true, digitPrefix: "_");

    /// <summary>
    /// A valid label name (<c>[a-zA-Z_][a-zA-Z0-9_]*</c>): every other character becomes an
    /// underscore (runs are kept, unlike metric names). A leading digit gets the prefix
    /// <c>key_</c>; names starting with <c>__</c> are reserved for Prometheus and get <c>key</c>.
    /// </summary>
    public static string SanitizeLabelName(string key)
    {
        var name = Sanitize(key, allowColon: false, collapse: false, digitPrefix: "key_");
        return name.StartsWith("__", StringComparison.Ordinal) ? "key" + name : name;
    }

    /// <summary>
    /// The unit as a name suffix: annotations in braces (<c>{call}</c>) are dropped, known UCUM
    /// units are spelled out, <c>x/y</c> becomes <c>x_per_y</c>, and the dimensionless <c>1</c>
    /// becomes <c>ratio</c> on gauges.
    /// </summary>
    public static string UnitSuffix(string? unit, PrometheusMetricType type)
    {
        if (string.IsNullOrWhiteSpace(unit))
        {
            return "";
        }

        var withoutAnnotations = StripAnnotations(unit).Trim();
        if (withoutAnnotations.Length == 0)
        {
            return "";
        }

        if (withoutAnnotations == "1")
        {
            return type == PrometheusMetricType.Gauge ? "ratio" : "";
        }

        var slash = withoutAnnotations.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return SanitizeUnit(UnitWords.GetValueOrDefault(withoutAnnotations, withoutAnnotations));
        }

        var numerator = withoutAnnotations[..slash].Trim();
        var denominator = withoutAnnotations[(slash + 1)..].Trim();
        var numeratorWord = numerator.Length == 0 || numerator == "1" ? "" : UnitWords.GetValueOrDefault(numerator, numerator);
        var denominatorWord = PerUnitWords.GetValueOrDefault(denominator, UnitWords.GetValueOrDefault(denominator, denominator));
        var combined = numeratorWord.Length == 0 ? "per_" + denominatorWord : numeratorWord + "_per_" + denominatorWord;
        return SanitizeUnit(combined);
    }

    private static string SanitizeUnit(string unit) => Sanitize(unit, allowColon: false, collapse: true, digitPrefix: "").Trim('_');

    private static string StripAnnotations(string unit)
    {
        if (!unit.Contains('{', StringComparison.Ordinal))
        {
            return unit;
        }

        var builder = new StringBuilder(unit.Length);
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Sanitize(string value, bool allowColon, bool collapse, string digitPrefix)
    {
        var builder = new StringBuilder(value.Length + digitPrefix.Length);
        foreach (var c in value)
        {
            var valid = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' || (allowColon && c == ':');
            var next = valid ? c : '_';
            if (collapse && next == '_' && builder.Length > 0 && builder[^1] == '_')
            {
                continue;
            }

            builder.Append(next);
        }

        if (builder.Length == 0)
        {
            return "_";
        }

        if (builder[0] is >= '0' and <= '9')
        {
            builder.Insert(0, digitPrefix);
        }

        return builder.ToString();
    }
}
