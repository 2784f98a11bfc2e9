using System.Globalization;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>One scrape of a <c>/metrics</c> endpoint, parsed into samples.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, string Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var valueStart = line.LastIndexOf(' ');
            var series = line[..valueStart];
            var labelsStart = series.IndexOf('{', StringComparison.Ordinal);
            var name = labelsStart < 0 ? series : series[..labelsStart];
            var labels = labelsStart < 0 ? string.Empty : series[(labelsStart + 1)..^1];
            _samples.Add((name, labels, double.Parse(line[(valueStart + 1)..], CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http) => new(await http.GetStringAsync("/metrics"));

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (<c>key="value"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.Split(',').Contains(l, StringComparer.Ordinal))).Sum(s => s.Value);

    public bool Has(string name) => _samples.Any(s => s.Name == name);
}
