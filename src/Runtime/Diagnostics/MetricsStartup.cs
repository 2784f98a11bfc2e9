using Microsoft.Extensions.Hosting;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Creates the collector and the runtime's instruments when the host starts rather than at the
/// first scrape, because a listener does not see measurements made before it existed.
/// </summary>
internal sealed class MetricsStartup : IHostedService
{
    // Being constructed with these services is the whole job: resolving them starts the
    // listener and creates the meter.
    public MetricsStartup(PrometheusCollector collector, RuntimeInstruments instruments)
    {
        ArgumentNullException.ThrowIfNull(collector);
        ArgumentNullException.ThrowIfNull(instruments);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
