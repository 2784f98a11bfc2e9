using Microsoft.Extensions.Hosting;

namespace OrleansChat.Runtime.Storage;

/// <summary>
/// Runs the <see cref="SchemaMigrator"/> when the host starts.
/// </summary>
/// <remarks>
/// Ordering: the work happens in <see cref="IHostedLifecycleService.StartingAsync"/>, which the
/// generic host runs for every lifecycle service before it calls any hosted service's
/// <see cref="IHostedService.StartAsync"/> (and before any <see cref="BackgroundService"/>'s
/// loop starts). So components that touch the database from <c>StartAsync</c> or later
/// (membership, grain activation, chat) see a migrated schema regardless of registration order.
/// A component that needs the database in its own <c>StartingAsync</c> must be registered after
/// <c>AddOrleansChatPostgres</c> and the host must not start services concurrently
/// (<c>HostOptions.ServicesStartConcurrently</c>, false by default). A failure stops the host's start.
/// </remarks>
internal sealed class SchemaMigrationHostedService(SchemaMigrator migrator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
