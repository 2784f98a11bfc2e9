using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Messaging;
using OrleansChat.Runtime.Observers;
using OrleansChat.Runtime.Placement;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Turns a single silo into a member of a cluster: membership, transport, placement, remote calls.</summary>
public static class SiloClusteringServiceCollectionExtensions
{
    /// <summary>
    /// Adds clustering to a host that already called <c>AddGrainRuntime</c> and <c>AddOrleansChatPostgres</c>.
    /// The caller must also listen for messaging with <see cref="ListenForSilo"/> on Kestrel.
    /// </summary>
    public static IServiceCollection AddSiloClustering(this IServiceCollection services, SiloClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var self = new SiloAddress(options.AdvertisedAddress, options.SiloPort, options.Generation);
        services.AddSingleton(options);
        services.AddMessaging(o => o.ClusterId = options.ClusterId);
        services.AddSingleton(PeerIdentity.ForSilo(new IPEndPoint(IPAddress.TryParse(options.AdvertisedAddress, out var ip) ? ip : IPAddress.Loopback, options.SiloPort), options.Generation) with { Id = self.ToString() });
        services.Replace(ServiceDescriptor.Singleton(new LocalHost(self.ToString())));
        AddCallPath(services);
        services.TryAddSingleton<SiloOwnership>();
        services.AddSingleton<ISiloLivenessSource, TransportLivenessSource>();
        services.AddPostgresMembership(sp => sp.GetRequiredService<NpgsqlDataSource>(), m =>
        {
            m.ClusterId = options.ClusterId;
            m.LocalSiloAddress = self;
            m.SiloName = options.SiloName;
            m.ProbePort = options.ProbePort;
            options.ConfigureMembership?.Invoke(m);
        });
        services.AddHostedService<SiloClusterLifetime>();
        return services;
    }

    /// <summary>Listens for silo and client messaging on the configured port.</summary>
    public static KestrelServerOptions ListenForSilo(this KestrelServerOptions kestrel, SiloClusteringOptions options) =>
        kestrel.ListenForMessaging(new IPEndPoint(options.ListenAddress, options.SiloPort));

    internal static void AddCallPath(IServiceCollection services)
    {
        services.TryAddSingleton<CallbackTable>();
        services.TryAddSingleton<PlacementDirector>();
        services.TryAddSingleton<IActiveSilosMonitor, ActiveSilosMonitor>();
        services.TryAddSingleton<RemoteInvoker>();
        services.TryAddSingleton<IMessageHandler, MessageDispatcher>();
    }
}
