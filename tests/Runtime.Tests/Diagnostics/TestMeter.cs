using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Diagnostics;

namespace OrleansChat.Runtime.Tests.Diagnostics;

/// <summary>
/// A meter with a name no other test uses, and a collector that sees only that meter, so tests
/// running in parallel in one process never see each other's instruments.
/// </summary>
internal sealed class TestMeter : IDisposable
{
    public TestMeter(int maxSeriesPerInstrument = PrometheusCollector.DefaultMaxSeriesPerInstrument, IEnumerable<KeyValuePair<string, object?>>? meterTags = null)
    {
        var name = $"OrleansChat.Tests.{Guid.NewGuid():N}";
        Meter = new Meter(name, version: null, tags: meterTags);
        Collector = new PrometheusCollector(meter => meter.Name == name, Logger, maxSeriesPerInstrument);
    }

    public Meter Meter { get; }

    public ListLogger<PrometheusCollector> Logger { get; } = new();

    public PrometheusCollector Collector { get; }

    public string Scrape() => Collector.Collect();

    public void Dispose()
    {
        Collector.Dispose();
        Meter.Dispose();
    }
}
