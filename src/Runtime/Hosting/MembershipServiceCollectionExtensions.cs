using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Registers PostgreSQL cluster membership in a silo host.</summary>
public static class MembershipServiceCollectionExtensions
{
    /// <summary>
    /// Adds cluster membership in PostgreSQL with a connection pool of its own, so a storage
    /// workload that exhausts the shared pool cannot stall heartbeats and votes.
    /// Registers <see cref="IClusterMembership"/> and a hosted service that joins on start and
    /// leaves on stop. Register it before the grain runtime: hosted services stop in reverse
    /// order, so the silo then leaves membership after its grains were deactivated.
    /// </summary>
    public static IServiceCollection AddPostgresMembership(this IServiceCollection services, string connectionString, Action<MembershipOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddPostgresMembership(_ => NpgsqlDataSource.Create(connectionString), configure, ownsDataSource: true);
    }

    /// <summary>
    /// Adds cluster membership in PostgreSQL using the data source <paramref name="dataSource"/>
    /// returns (not disposed by membership).
    /// </summary>
    public static IServiceCollection AddPostgresMembership(this IServiceCollection services, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<MembershipOptions> configure) =>
        services.AddPostgresMembership(dataSource, configure, ownsDataSource: false);

    private static IServiceCollection AddPostgresMembership(this IServiceCollection services, Func<IServiceProvider, NpgsqlDataSource> dataSource, Action<MembershipOptions> configure, bool ownsDataSource)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<MembershipOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MembershipOptions>, MembershipOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISiloLivenessSource>(NullSiloLivenessSource.Instance);
        services.TryAddSingleton(sp => new MembershipTable(dataSource(sp), sp.GetRequiredService<IOptions<MembershipOptions>>().Value.ClusterId, ownsDataSource));
        services.TryAddSingleton<MembershipService>();
        services.TryAddSingleton<IClusterMembership>(sp => sp.GetRequiredService<MembershipService>());
        services.AddHostedService(sp => sp.GetRequiredService<MembershipService>());
        return services;
    }
}
