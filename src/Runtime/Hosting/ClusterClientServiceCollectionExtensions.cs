using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Messaging;
using OrleansChat.Runtime.Observers;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Registers a cluster client: grain references whose calls go to the silos that own them.</summary>
public static class ClusterClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds an <see cref="IGrainFactory"/> backed by the cluster, plus <see cref="IClusterClientStatus"/>.
    /// Requires <c>AddOrleansChatPostgres</c> (the membership table is read from that database).
    /// </summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services, IEnumerable<Assembly> grainAssemblies, Action<ClusterClientOptions>? configure = null)
    {
        var options = services.AddOptions<ClusterClientOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddOptions<GrainRuntimeOptions>().Configure(o =>
        {
            foreach (var assembly in grainAssemblies)
            {
                o.GrainAssemblies.Add(assembly);
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new GrainClassRegistry(sp.GetRequiredService<IOptions<GrainRuntimeOptions>>()));
        services.TryAddSingleton(sp => new LocalHost(sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value.ClientId));
        services.TryAddSingleton<ObserverRegistry>();
        services.TryAddSingleton<GrainCallRouter>();
        services.TryAddSingleton<IGrainCallInvoker>(sp => sp.GetRequiredService<GrainCallRouter>());
        services.TryAddSingleton<IGrainFactory, GrainFactory>();
        services.AddMessaging();
        services.AddOptions<MessagingOptions>().Configure<IOptions<ClusterClientOptions>>((m, c) => m.ClusterId = c.Value.ClusterId);
        services.TryAddSingleton(sp => PeerIdentity.ForClient(sp.GetRequiredService<IOptions<ClusterClientOptions>>().Value.ClientId));
        SiloClusteringServiceCollectionExtensions.AddCallPath(services);
        services.TryAddSingleton<ClusterClient>();
        services.TryAddSingleton<Streams.StreamNode>();
        services.TryAddSingleton<Streams.IStreamProvider, Streams.StreamProvider>();
        services.AddHostedService(sp => sp.GetRequiredService<Streams.StreamNode>());
        services.TryAddSingleton<IClusterClientStatus>(sp => sp.GetRequiredService<ClusterClient>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterClient>());
        return services;
    }
}
