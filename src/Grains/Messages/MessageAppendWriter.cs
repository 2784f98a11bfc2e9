using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The silo's one writer of message appends, with cross-conversation group commit: appends of any
/// conversations that arrive while the writers are busy queue up and the next free writer commits
/// them together in one <see cref="AppendStatement"/> (one round trip, one statement, one commit and
/// WAL flush). Natural batching, no timer: a lone append is written at once, in its own statement.
/// </summary>
/// <remarks>
/// Each conversation's part keeps its own guarantees (numbers from its lastSeq, retries found by
/// client id, the primary key refusing a taken number). A combined statement commits all of its
/// conversations or none; if the database refused it (a stale lastSeq's unique violation, a
/// deadlock, anything but a lost connection), each conversation is written again alone, so only the
/// refused one fails with its own error and its log re-reads the head as before. Callers hear back
/// only after the commit, on their own context (continuations run asynchronously).
/// </remarks>
internal sealed partial class MessageAppendWriter : IAsyncDisposable
{
    private readonly ChatDatabase _database;
    private readonly ChatMetrics _metrics;
    private readonly ILogger<MessageAppendWriter> _logger;
    private readonly int _writers;
    private readonly int _maxMessages;
    private readonly Lock _lock = new();
    private readonly Queue<Request> _queue = new();
    private int _activeWriters;
    private bool _stopped;
    private long _transactions;
    private long _combinedTransactions;

    public MessageAppendWriter(ChatDatabase database, IOptions<ChatOptions> options, ChatMetrics metrics, ILogger<MessageAppendWriter> logger)
    {
        _database = database;
        _metrics = metrics;
        _logger = logger;
        _writers = options.Value.GroupCommitWriters;
        _maxMessages = options.Value.GroupCommitMaxMessages;
    }

    /// <summary>Committed append transactions, alone or combined.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Committed transactions that held more than one conversation's append.</summary>
    public long CombinedTransactions => Interlocked.Read(ref _combinedTransactions);

    /// <summary>Appends waiting for a free writer.</summary>
    public int Queued
    {
        get
        {
            lock (_lock)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Same contract as <see cref="IMessageStore.AppendAsync"/>; completes after the commit.</summary>
    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(string conversationId, long lastSeq, IReadOnlyList<NewMessage> messages)
    {
        var request = new Request(new ConversationAppend(conversationId, lastSeq, messages));
        bool startWriter;
        lock (_lock)
        {
            if (_stopped)
            {
                return Task.FromException<IReadOnlyList<AppendOutcome>>(Stopped());
            }

            _queue.Enqueue(request);
            startWriter = _activeWriters < _writers;
            if (startWriter)
            {
                _activeWriters++;
            }
        }

        if (startWriter)
        {
            // Task.Run: the loop must not run on the calling grain's scheduler; it writes for every conversation.
            _ = Task.Run(WriteLoopAsync);
        }

        return request.Completion.Task;
    }

    /// <summary>Refuses new appends and fails the queued ones as a dead database would; writes in flight finish on their own (bounded by the command timeout).</summary>
    public ValueTask DisposeAsync()
    {
        List<Request> abandoned;
        lock (_lock)
        {
            _stopped = true;
            abandoned = [.. _queue];
            _queue.Clear();
        }

        foreach (var request in abandoned)
        {
            request.Completion.TrySetException(Stopped());
        }

        return ValueTask.CompletedTask;
    }

    private static ChatException Stopped() =>
        ChatErrors.StorageUnavailable(new ObjectDisposedException(nameof(MessageAppendWriter), "The silo is shutting down."));

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (_lock)
            {
                if (_queue.Count == 0)
                {
                    _activeWriters--;
                    return;
                }

                batch = TakeBatch();
            }

            try
            {
                await WriteAsync(batch);
            }
            catch (Exception ex)
            {
                // WriteAsync completes every request itself; this only keeps a bug from stranding callers or this writer.
                LogWriterFailed(_logger, ex, batch.Count);
                foreach (var request in batch)
                {
                    request.Completion.TrySetException(ChatErrors.StorageUnavailable(ex));
                }
            }
        }
    }

    // Under the lock. Always takes at least one append, however large, so that none waits forever.
    private List<Request> TakeBatch()
    {
        var batch = new List<Request> { _queue.Dequeue() };
        var messages = batch[0].Append.Messages.Count;
        while (_queue.TryPeek(out var next) && messages + next.Append.Messages.Count <= _maxMessages)
        {
            batch.Add(_queue.Dequeue());
            messages += next.Append.Messages.Count;
        }

        return batch;
    }

    // Never throws: every request of the batch is completed one way or the other.
    private async Task WriteAsync(List<Request> batch)
    {
        AppendOutcome[][] results;
        try
        {
            results = await WriteStatementAsync(batch.ConvertAll(r => r.Append));
        }
        catch (Exception ex) when (batch.Count > 1 && !IsConnectionLost(ex))
        {
            // Nothing of the statement was committed. Alone, each conversation meets only its own fate.
            LogCombinedRefused(_logger, ex, batch.Count);
            foreach (var request in batch)
            {
                await WriteAloneAsync(request);
            }

            return;
        }
        catch (Exception ex)
        {
            // Alone, or the connection itself failed: writing each again would only meet the same fate.
            foreach (var request in batch)
            {
                request.Completion.TrySetException(ex);
            }

            return;
        }

        Committed(batch.Count, batch.Sum(r => r.Append.Messages.Count));
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(results[i]);
        }
    }

    private async Task WriteAloneAsync(Request request)
    {
        try
        {
            var results = await WriteStatementAsync([request.Append]);
            Committed(1, request.Append.Messages.Count);
            request.Completion.TrySetResult(results[0]);
        }
        catch (Exception ex)
        {
            request.Completion.TrySetException(ex);
        }
    }

    // One statement outside an explicit transaction: its own transaction, one round trip, one commit.
    private async Task<AppendOutcome[][]> WriteStatementAsync(IReadOnlyList<ConversationAppend> appends)
    {
        await using var command = _database.Command(AppendStatement.Sql, AppendStatement.Parameters(appends, out var rows));
        await using var reader = await command.ExecuteReaderAsync();
        return await AppendStatement.ReadAsync(reader, appends, rows);
    }

    private void Committed(int conversations, int messages)
    {
        Interlocked.Increment(ref _transactions);
        if (conversations > 1)
        {
            Interlocked.Increment(ref _combinedTransactions);
        }

        _metrics.TransactionCommitted(messages, conversations);
    }

    // The connection itself failed (or the server is going away): nothing more can be learnt by retrying each alone.
    private static bool IsConnectionLost(Exception exception) => exception switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal),
        _ => ChatDatabase.IsUnavailable(exception),
    };

    [LoggerMessage(EventId = 4203, Level = LogLevel.Warning, Message = "A combined append of {Conversations} conversations was refused; writing each alone")]
    private static partial void LogCombinedRefused(ILogger logger, Exception exception, int conversations);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Error, Message = "Writing {Conversations} conversations' appends failed unexpectedly; none was acknowledged")]
    private static partial void LogWriterFailed(ILogger logger, Exception exception, int conversations);

    private sealed class Request(ConversationAppend append)
    {
        public ConversationAppend Append { get; } = append;

        public TaskCompletionSource<IReadOnlyList<AppendOutcome>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
