using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Bounds operations on the membership table from the caller's side, for the silo's membership
/// and for cluster clients alike. Cancelling the driver's token alone is not enough against a
/// server that has gone silent (measured with Npgsql 10 behind a relay that forwards nothing):
/// the token often does not end the query at all (Npgsql may not even send its cancel request),
/// and the query ends only at the driver's own Command Timeout, followed by a cancel request over
/// a new connection and then Cancellation Timeout, or up to twice the connection Timeout when new
/// connections are silent too: 32 to 60 s with the defaults, and never with Command Timeout=0.
/// The wait therefore gives up at the timeout and fails as a cancelled operation always has (an
/// <see cref="OperationCanceledException"/> for a token the caller did not cancel, with an inner
/// <see cref="TimeoutException"/>); the abandoned operation keeps its cancelled token, so the
/// driver still breaks its connection when it can, and its outcome is observed whenever it ends.
/// </summary>
/// <remarks>
/// One instance per reader of the table. It remembers the last read it abandoned, and while that
/// read has not ended, <see cref="ReadAsync"/> fails at once instead of starting another one: a
/// long silence would otherwise add one more blocked read, and one more pooled connection, with
/// every refresh. That hold lasts at most the abandoned-read limit (<see cref="AbandonedReadLimitFor"/>):
/// a read that never ends (its connection silent for good, the driver never giving up) must not
/// stop the reader from reading over new connections once the database answers them. So once the
/// last abandoned read has been pending that long, the next read starts anyway. Abandoned reads
/// still pending grow by at most one per limit period (plus one per concurrent caller) instead of
/// one per refresh, and only while new reads are not answered either; each ends, and stops
/// counting, whenever the driver lets go of its connection.
/// </remarks>
internal sealed partial class TableOperation(TimeSpan timeout, TimeSpan abandonedReadLimit, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>How many table operation timeouts an abandoned read may hold back further reads.</summary>
    internal const int AbandonedReadLimitFactor = 6;

    private readonly Lock _lock = new();
    private Task? _abandonedRead;
    private long _abandonedAt;
    private int _pendingAbandonedReads;

    public TableOperation(TimeSpan timeout, TimeProvider timeProvider, ILogger logger)
        : this(timeout, AbandonedReadLimitFor(timeout), timeProvider, logger)
    {
    }

    /// <summary>Abandoned reads that have not ended yet, the latest included.</summary>
    public int PendingAbandonedReads => Volatile.Read(ref _pendingAbandonedReads);

    /// <summary>
    /// How long a read abandoned at <paramref name="timeout"/> holds back further reads:
    /// <see cref="AbandonedReadLimitFactor"/> timeouts, 30 s with the default 5 s. With the driver's
    /// defaults that is about when Npgsql itself gives up on a silent query (its 30 s Command
    /// Timeout, then the cancel request), so the backstop rarely adds a connection where the driver
    /// was about to free one, yet a reader whose read never ends reads again within that time of
    /// the database answering new connections.
    /// </summary>
    public static TimeSpan AbandonedReadLimitFor(TimeSpan timeout) => timeout * AbandonedReadLimitFactor;

    /// <summary>
    /// Runs a read, bounded by the timeout, unless an earlier read abandoned at the timeout is still
    /// pending and has been for less than the abandoned-read limit.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        TimeSpan? overdueFor = null;
        lock (_lock)
        {
            if (_abandonedRead is { IsCompleted: false })
            {
                var pendingFor = timeProvider.GetElapsedTime(_abandonedAt);
                if (pendingFor < abandonedReadLimit)
                {
                    return Task.FromException<T>(new OperationCanceledException(
                        $"The membership table has not answered a read abandoned after {timeout.TotalSeconds:0.###} s; no other read is started until it ends or has been pending {abandonedReadLimit.TotalSeconds:0.###} s.",
                        new TimeoutException()));
                }

                overdueFor = pendingFor;
            }

            // Forgotten, not ended: an overdue read still counts in PendingAbandonedReads until the driver lets go of it.
            _abandonedRead = null;
        }

        if (overdueFor is { } overdue)
        {
            LogAbandonedReadOverdue(logger, overdue.TotalSeconds, PendingAbandonedReads);
        }

        return WithTimeoutAsync(read, timeout, timeProvider, Abandoned, cancellationToken);
    }

    /// <summary>Runs a write (or any operation that is not a read) bounded by the timeout.</summary>
    public Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken) =>
        WithTimeoutAsync(operation, timeout, timeProvider, onAbandoned: null, cancellationToken);

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        WithTimeoutAsync(
            async ct =>
            {
                await operation(ct).ConfigureAwait(false);
                return true;
            },
            timeout, timeProvider, onAbandoned: null, cancellationToken);

    private void Abandoned(Task read)
    {
        Interlocked.Increment(ref _pendingAbandonedReads);
        lock (_lock)
        {
            _abandonedRead = read;
            _abandonedAt = timeProvider.GetTimestamp();
        }

        _ = read.ContinueWith(
            static (_, state) => Interlocked.Decrement(ref ((TableOperation)state!)._pendingAbandonedReads),
            this, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private static async Task<T> WithTimeoutAsync<T>(Func<CancellationToken, Task<T>> operation, TimeSpan timeout, TimeProvider timeProvider, Action<Task>? onAbandoned, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = source.Token;
        source.CancelAfter(timeout);
        Task<T> task;
        try
        {
            task = operation(token);
        }
        catch
        {
            source.Dispose();
            throw;
        }

        // Disposed only once the operation has ended: until then the driver may still be cancelling through the token.
        _ = task.ContinueWith(
            static (ended, state) =>
            {
                _ = ended.Exception;
                ((CancellationTokenSource)state!).Dispose();
            },
            source, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        try
        {
            return await task.WaitAsync(timeout, timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException) when (task.IsCompleted)
        {
            // It ended just as the wait gave up (or failed with a timeout of its own): its outcome stands.
            return await task.ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            onAbandoned?.Invoke(task);
            throw new OperationCanceledException(
                $"The membership table did not answer within {timeout.TotalSeconds:0.###} s.",
                new TimeoutException(),
                token);
        }
    }

    [LoggerMessage(EventId = 2160, Level = LogLevel.Warning, Message = "A membership table read abandoned {PendingSeconds:0.#} s ago has still not ended; reading again anyway ({PendingAbandonedReads} abandoned reads, and their connections, still pending)")]
    private static partial void LogAbandonedReadOverdue(ILogger logger, double pendingSeconds, int pendingAbandonedReads);
}
