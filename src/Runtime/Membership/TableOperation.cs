namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Bounds operations on the membership table from the caller's side, for the silo's membership
/// and for cluster clients alike. Cancelling the driver's token alone is not enough: Npgsql
/// answers it with a cancel request over a new connection and then waits for the server, so
/// against a silent server the operation ends only when the driver gives up on that request
/// (about 30 s was seen; against one that accepts connections but never answers, not while the
/// silence lasts). The wait therefore gives up at the timeout and fails as a cancelled operation
/// always has (an <see cref="OperationCanceledException"/> for a token the caller did not cancel,
/// with an inner <see cref="TimeoutException"/>); the abandoned operation keeps its cancelled
/// token, so the driver still breaks its connection, and its outcome is observed whenever it ends.
/// </summary>
/// <remarks>
/// One instance per reader of the table. It remembers the last read it abandoned, and while that
/// read has not ended, <see cref="ReadAsync"/> fails at once instead of starting another one: a
/// long silence would otherwise add one more blocked read, and one more pooled connection, with
/// every refresh. Callers that read concurrently can each leave one behind; the count stays
/// bounded by their number instead of growing with the length of the silence.
/// </remarks>
internal sealed class TableOperation(TimeSpan timeout, TimeProvider timeProvider)
{
    private Task? _abandonedRead;

    /// <summary>Runs a read, unless an earlier read abandoned at the timeout is still pending; bounded by the timeout.</summary>
    public Task<T> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (Volatile.Read(ref _abandonedRead) is { IsCompleted: false })
        {
            return Task.FromException<T>(new OperationCanceledException(
                $"The membership table has not answered a read abandoned after {timeout.TotalSeconds:0.###} s; no other read is started until it ends.",
                new TimeoutException()));
        }

        return WithTimeoutAsync(read, timeout, timeProvider, abandoned => Volatile.Write(ref _abandonedRead, abandoned), cancellationToken);
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
}
