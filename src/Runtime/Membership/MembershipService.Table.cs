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

            var version = await WithTimeout(write, cancellationToken).ConfigureAwait(false);
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
            snapshot = await WithTimeout(_table.ReadAsync, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Bounds one table operation by <see cref="MembershipOptions.TableOperationTimeout"/> from the
    /// caller's side. Cancelling the driver's token alone is not enough: Npgsql answers it with a
    /// cancel request over a new connection and then waits for the server, so against a silent
    /// server the operation ends only when the driver gives up on that request (about 30 s was seen;
    /// against one that accepts connections but never answers, not while the silence lasts). The wait
    /// therefore gives up at the timeout and fails as a cancelled operation always has (an
    /// <see cref="OperationCanceledException"/> for a token the caller did not cancel); the abandoned
    /// operation keeps its cancelled token, so the driver still breaks its connection, and its
    /// outcome is observed whenever it ends.
    /// </summary>
    private async Task<T> WithTimeout<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = timeout.Token;
        timeout.CancelAfter(_options.TableOperationTimeout);
        Task<T> task;
        try
        {
            task = operation(token);
        }
        catch
        {
            timeout.Dispose();
            throw;
        }

        // Disposed only once the operation has ended: until then the driver may still be cancelling through the token.
        _ = task.ContinueWith(
            static (ended, source) =>
            {
                _ = ended.Exception;
                ((CancellationTokenSource)source!).Dispose();
            },
            timeout, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        try
        {
            return await task.WaitAsync(_options.TableOperationTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (task.IsCompleted)
        {
            // It ended just as the wait gave up (or failed with a timeout of its own): its outcome stands.
            return await task.ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new OperationCanceledException(
                $"The membership table did not answer within {_options.TableOperationTimeout.TotalSeconds:0.###} s.",
                new TimeoutException(),
                token);
        }
    }

    private Task WithTimeout(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        WithTimeout(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
