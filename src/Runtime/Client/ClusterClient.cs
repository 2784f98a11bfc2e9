using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Messaging;
using OrleansChat.Runtime.Placement;

namespace OrleansChat.Runtime.Client;

/// <summary>
/// Keeps a client's view of the cluster: reads the active silos from the membership table,
/// feeds placement (so each call goes straight to its grain's owner), and holds a connection to
/// every active silo so that grains on any silo can reach this client's observers.
/// </summary>
internal sealed partial class ClusterClient(
    NpgsqlDataSource dataSource,
    IOptions<ClusterClientOptions> options,
    PlacementDirector placement,
    ConnectionManager connections,
    TimeProvider timeProvider,
    ILogger<ClusterClient> logger) : BackgroundService, IClusterClientStatus
{
    // Bounds each read: against a silent database the driver alone would hold a refresh, and with it the view's updates, for as long as the silence lasts.
    private readonly TableOperation _tableOperation = new(options.Value.TableOperationTimeout, timeProvider, logger);
    private volatile bool _lastReadSucceeded;
    private long _failedRefreshes;

    public int ActiveSilos => placement.Current.Silos.Length;

    public bool IsConnected => _lastReadSucceeded && ActiveSilos > 0;

    /// <summary>Refreshes that could not read the table since the start.</summary>
    internal long FailedRefreshes => Interlocked.Read(ref _failedRefreshes);

    /// <summary>Reads abandoned at the table operation timeout that have not ended yet.</summary>
    internal int PendingAbandonedReads => _tableOperation.PendingAbandonedReads;

    public async Task WaitForActiveSilosAsync(int silos, CancellationToken cancellationToken = default)
    {
        while (placement.Current.Silos.Length < silos)
        {
            await placement.NextChange.WaitAsync(cancellationToken);
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // One read before start completes, so a client that starts with the cluster up can call at once.
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TableRefreshPeriod, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await RefreshAsync(stoppingToken);
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            var view = await _tableOperation.ReadAsync(ct => MembershipTableReader.ReadAsync(dataSource, options.Value.ClusterId, ct), cancellationToken);
            _lastReadSucceeded = true;
            placement.Update(new PlacementView(view.Version, view.ActiveSilos));
            foreach (var silo in view.ActiveSilos)
            {
                _ = ConnectAsync(silo, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Keep the last view and keep calling: the silos serve even while the table is unreachable.
            _lastReadSucceeded = false;
            Interlocked.Increment(ref _failedRefreshes);
            LogRefreshFailed(logger, ex.Message);
        }
    }

    private async Task ConnectAsync(SiloAddress silo, CancellationToken cancellationToken)
    {
        try
        {
            await connections.GetConnectionAsync(SiloEndpoints.For(silo), cancellationToken);
        }
        catch (Exception ex) when (ex is MessagingException or OperationCanceledException)
        {
            LogConnectFailed(logger, silo, ex.Message);
        }
    }

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Could not read the membership table: {Error}; keeping the last view")]
    private static partial void LogRefreshFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Debug, Message = "Could not connect to silo {Silo}: {Error}")]
    private static partial void LogConnectFailed(ILogger logger, SiloAddress silo, string error);
}
