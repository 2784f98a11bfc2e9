namespace OrleansChat.Runtime.Membership;

internal sealed partial class MembershipService
{
    private void StartBackgroundLoops()
    {
        _loops.Add(RunPeriodicAsync(_options.TableRefreshTimeout, RefreshAsync));
        _loops.Add(RunPeriodicAsync(_options.IAmAliveTablePublishTimeout, PublishIAmAliveAsync));
        _loops.Add(RunPeriodicAsync(_options.DefunctSiloCleanupPeriod, CleanupDefunctAsync));
    }

    private async Task RunPeriodicAsync(TimeSpan period, Func<CancellationToken, Task> body)
    {
        using var timer = new PeriodicTimer(period, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await body(_stopping.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Re-reads the table. When it cannot be reached, the last view stays in force and the
    /// silo keeps serving: no one can be declared dead without the table, which is the safe side.
    /// </summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReadTableAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Statistics.TableReadFailed();
            LogTableUnreachable(_logger, "refresh", e.Message);
        }
    }

    private async Task PublishIAmAliveAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await _tableOperation.RunAsync(ct => _table.UpdateIAmAliveAsync(_localAddress, ct), cancellationToken).ConfigureAwait(false))
            {
                // The row is Dead or gone: the refresh notices and this silo stops.
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogTableUnreachable(_logger, "I-am-alive", e.Message);
        }
    }

    /// <summary>Deletes Dead rows whose last heartbeat is older than <see cref="MembershipOptions.DefunctSiloCleanupAge"/>.</summary>
    internal async Task CleanupDefunctAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await _tableOperation.RunAsync(ct => _table.DeleteDefunctAsync(_options.DefunctSiloCleanupAge, ct), cancellationToken).ConfigureAwait(false);
            if (deleted > 0)
            {
                LogDefunctDeleted(_logger, deleted, _options.DefunctSiloCleanupAge);
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogTableUnreachable(_logger, "defunct cleanup", e.Message);
        }
    }
}
