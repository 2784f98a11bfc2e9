using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Runtime.Storage;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Registers the PostgreSQL database every OrleansChat component shares.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Statements each pooled connection keeps prepared when the connection string leaves <c>Max Auto Prepare</c> unset.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Registers one shared <see cref="NpgsqlDataSource"/> (connection pool) for
    /// <paramref name="connectionString"/> and the schema migrator, which applies every registered
    /// <see cref="IMigrationSource"/> when the host starts. Migrations run in the host's
    /// <c>StartingAsync</c> phase, so they complete before any hosted service's <c>StartAsync</c>,
    /// whatever the registration order; only a component that needs the database in its own
    /// <c>StartingAsync</c> must be registered after this call (and services must not start concurrently).
    /// Tune the migrator with <c>services.Configure&lt;SchemaMigrationOptions&gt;(...)</c>. The
    /// connection string's <c>Timeout</c> (seconds, Npgsql's default 15) bounds how long any
    /// connection attempt, start-up's included, waits for an unreachable server. Unless the string
    /// sets <c>Max Auto Prepare</c> itself, statements run often are prepared automatically
    /// (<see cref="DefaultMaxAutoPrepare"/> per connection).
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is empty, malformed, or sets an infinite connect timeout.</exception>
    /// <exception cref="InvalidOperationException">A data source is already registered.</exception>
    public static IServiceCollection AddOrleansChatPostgres(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // Neither the string nor the inner exception is passed on: either may carry the password.
            throw new ArgumentException($"The PostgreSQL connection string is malformed: {ex.Message}", nameof(connectionString));
        }

        if (parsed.Timeout == 0)
        {
            throw new ArgumentException(
                "The PostgreSQL connection string sets Timeout=0, which lets a connection attempt to an unreachable server wait forever; give it a number of seconds.",
                nameof(connectionString));
        }

        if (services.Any(d => d.ServiceType == typeof(NpgsqlDataSource) && !d.IsKeyedService))
        {
            throw new InvalidOperationException("A PostgreSQL data source is already registered; call AddOrleansChatPostgres once per host.");
        }

        // Every unprepared statement is parsed and planned again by PostgreSQL; for the message
        // append (one CTE per conversation, several per group commit) that planning was about a
        // third of PostgreSQL's CPU per message (docs/benchmarks-notes.md). Prepared once per pooled
        // connection, a statement is planned once there.
        if (!SetsMaxAutoPrepare(connectionString))
        {
            parsed.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        var effective = parsed.ConnectionString;
        services.AddSingleton(sp => new NpgsqlDataSourceBuilder(effective)
            .UseLoggerFactory(sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance)
            .Build());

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SchemaMigrationOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SchemaMigrationOptions>, SchemaMigrationOptionsValidator>());
        services.TryAddSingleton<SchemaMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SchemaMigrationHostedService>());
        return services;
    }

    // NpgsqlConnectionStringBuilder.ContainsKey is true for any keyword it knows, set or not: look at
    // the keys actually written ("Max Auto Prepare" or its synonym "MaxAutoPrepare", any case).
    private static bool SetsMaxAutoPrepare(string connectionString)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return raw.Keys.Cast<string>().Any(key => string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase));
    }
}
