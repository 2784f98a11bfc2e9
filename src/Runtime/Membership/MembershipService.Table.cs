namespace OrleansChat.Runtime.Membership;

internal sealed partial class MembershipService
{
    /// <summary>
    /// Compare-and-swap loop: read a snapshot, let <paramref name="plan"/> decide the write (null:
    /// nothing to do), attempt it at the snapshot's version, and on a lost race re-read and try
    /// again, at most <see cref="MembershipOptions.MaxCasAttempts"/> times. Returns the new version,
    /// or null when the plan found nothing to do.
    /// </summary>
    private async Task<long?> ChangeTableAsync(string operation, Func<MembershipSnapshot, Func<CancellationToken, Task<long?>>?> plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = await ReadTableAsync(cancellationToken).ConfigureAwait(false);
            var write = plan(snapshot);
            if (write is null)
            {
                return null;
            }

            var version = await _tableOperation.RunAsync(write, cancellationToken).ConfigureAwait(false);
            if (version is not null)
            {
                await RefreshQuietlyAsync(cancellationToken).ConfigureAwait(false);
                return version;
            }

            if (attempt >= _options.MaxCasAttempts)
            {
                throw new MembershipException($"Membership change '{operation}' lost the version compare-and-swap {attempt} times in a row; giving up.");
            }

            LogCasLost(_logger, operation, snapshot.Version, attempt);
            // Jitter spreads out writers that collided so they do not collide again.
            var backoff = TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 * Math.Min(attempt, 10) + 3));
            await Task.Delay(backoff, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the table, publishes the view if it is newer, and returns the snapshot.</summary>
    private async Task<MembershipSnapshot> ReadTableAsync(CancellationToken cancellationToken)
    {
        MembershipSnapshot snapshot;
        TableReadStarting();
        try
        {
            snapshot = await _tableOperation.ReadAsync(_table.ReadAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            TableReadFailed();
            throw;
        }

        TableReached();
        Publish(snapshot.View);
        return snapshot;
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReadTableAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The write succeeded; the next periodic refresh publishes it.
            Statistics.TableReadFailed();
            LogTableUnreachable(_logger, "read after write", e.Message);
        }
    }
}
