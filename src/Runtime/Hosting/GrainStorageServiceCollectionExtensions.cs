using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Runtime.Persistence.PostgreSql;
using OrleansChat.Runtime.Serialization;
using OrleansChat.Runtime.Storage;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Registers PostgreSQL-backed grain storage providers.</summary>
public static class GrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a keyed <see cref="IGrainStorage"/> named <paramref name="name"/> (the storage name
    /// in <see cref="PersistentStateAttribute"/>) and the migration creating its table. Requires
    /// <see cref="PostgresServiceCollectionExtensions.AddOrleansChatPostgres"/>. Options are validated at start-up.
    /// </summary>
    /// <exception cref="InvalidOperationException">A grain storage with this name is already registered.</exception>
    public static IServiceCollection AddPostgreSqlGrainStorage(
        this IServiceCollection services, string name, Action<PostgreSqlGrainStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"A grain storage named '{name}' is already registered.");
        }

        services.AddOptions<PostgreSqlGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlGrainStorageOptions>, PostgreSqlGrainStorageOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, PostgreSqlGrainStorageMigrations>());
        services.AddKeyedSingleton<IGrainStorage>(name, (sp, _) => new PostgreSqlGrainStorage(
            name,
            sp.GetRequiredService<IOptionsMonitor<PostgreSqlGrainStorageOptions>>().Get(name),
            sp.GetService<NpgsqlDataSource>()
                ?? throw new InvalidOperationException($"Grain storage '{name}' needs a database: call services.AddOrleansChatPostgres(connectionString)."),
            // Resolved on first read, not here, because the grain factory may itself depend on storage.
            new Lazy<SerializerSession?>(() => sp.GetService<IGrainFactory>() is { } factory ? new SerializerSession(factory) : null),
            sp.GetRequiredService<ILogger<PostgreSqlGrainStorage>>(),
            sp.GetService<Diagnostics.RuntimeInstruments>()));
        return services;
    }

    /// <summary>Registers the storage named <see cref="PersistentStateAttribute.DefaultStorageName"/>, used by state that names no storage.</summary>
    public static IServiceCollection AddPostgreSqlGrainStorageAsDefault(
        this IServiceCollection services, Action<PostgreSqlGrainStorageOptions> configure) =>
        services.AddPostgreSqlGrainStorage(PersistentStateAttribute.DefaultStorageName, configure);
}
