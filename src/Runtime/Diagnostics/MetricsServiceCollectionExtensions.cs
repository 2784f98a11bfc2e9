using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>Registers OrleansChat's metrics in a host.</summary>
public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime's instruments (meter <c>OrleansChat.Runtime</c>) and the collector that
    /// <c>MapPrometheusMetrics</c> serves. The collector starts listening when the host starts,
    /// so measurements from start-up on are counted.
    /// </summary>
    public static IServiceCollection AddOrleansChatMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton<RuntimeInstruments>();
        services.TryAddSingleton(sp => new PrometheusCollector(
            PrometheusCollector.OwnMeters(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            sp.GetRequiredService<ILogger<PrometheusCollector>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MetricsStartup>());
        return services;
    }
}
