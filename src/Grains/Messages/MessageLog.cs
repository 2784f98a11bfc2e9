using Microsoft.Extensions.Logging;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// One conversation's log inside its grain activation, with group commit: appends that arrive while
/// a write is in flight queue up and go to the database together in the next write (one round
/// trip for many messages, "natural batching" without a timer). Sequence numbers are assigned in
/// queue order by the database statement, from the last committed number, so the order is the
/// order of arrival and has no gaps: a failed write consumes no numbers.
/// </summary>
/// <remarks>
/// Runs on its grain's turns (single-threaded), with the flush loop's continuations on the same
/// activation. A message is acknowledged and announced only after its write committed. If the
/// database holds a number this activation did not expect (another activation of the same
/// conversation wrote, or a write whose reply was lost did commit), the statement fails on the
/// primary key, nothing is written, and the log re-reads the head and tries again.
/// </remarks>
internal sealed partial class MessageLog(
    string conversationId,
    IMessageStore store,
    int maxBatchSize,
    int recentCapacity,
    Action<ChatMessage> onCommitted,
    ChatMetrics metrics,
    ILogger logger)
{
    private const int MaxAttempts = 3;
    private readonly Queue<Pending> _queue = new();
    private readonly Dictionary<(string Sender, string ClientId), Pending> _queuedByKey = [];
    private readonly RecentMessages _recent = new(recentCapacity);
    private Task<long>? _loading;
    private long _lastSeq = -1;
    private bool _flushing;
    private long _appends;
    private long _messagesWritten;

    /// <summary>The newest committed sequence number this activation knows (after <see cref="EnsureLoadedAsync"/>).</summary>
    public long LastSeq => Math.Max(_lastSeq, 0);

    public int Queued => _queue.Count + (_flushing ? 1 : 0);

    public ConversationLogStats Stats(int subscribers) => new(LastSeq, _queue.Count, _appends, _messagesWritten, subscribers);

    /// <summary>Reads the head of the log once per activation (and again after a conflict).</summary>
    public async ValueTask<long> EnsureLoadedAsync()
    {
        if (_lastSeq >= 0)
        {
            return _lastSeq;
        }

        _loading ??= ChatDatabase.Guard(() => store.GetLastSeqAsync(conversationId));
        try
        {
            var loaded = await _loading;
            if (_lastSeq < 0)
            {
                _lastSeq = loaded;
            }

            return _lastSeq;
        }
        finally
        {
            _loading = null;
        }
    }

    /// <summary>A committed message this activation remembers, for answering retries.</summary>
    public bool TryGetRecent(string senderId, string clientMessageId, out ChatMessage message) =>
        _recent.TryGet(senderId, clientMessageId, out message);

    /// <summary>Queues <paramref name="message"/>; an identical (sender, client id) append already queued is joined, not repeated.</summary>
    public AppendTicket Append(NewMessage message)
    {
        var key = (message.SenderId, message.ClientMessageId);
        if (_queuedByKey.TryGetValue(key, out var queued))
        {
            return new AppendTicket(queued.Completion.Task, JoinedExisting: true);
        }

        var pending = new Pending(message);
        _queue.Enqueue(pending);
        _queuedByKey[key] = pending;
        if (!_flushing)
        {
            _ = FlushAsync();
        }

        return new AppendTicket(pending.Completion.Task, JoinedExisting: false);
    }

    private async Task FlushAsync()
    {
        _flushing = true;
        try
        {
            while (_queue.Count > 0)
            {
                var batch = new List<Pending>(Math.Min(_queue.Count, maxBatchSize));
                while (batch.Count < maxBatchSize && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                await WriteAsync(batch);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        IReadOnlyList<AppendOutcome> outcomes;
        try
        {
            outcomes = await AppendWithRetryAsync(batch);
        }
        catch (Exception ex)
        {
            LogAppendFailed(logger, ex, conversationId, batch.Count);
            metrics.AppendFailed();
            var error = ex as ChatException ?? ChatErrors.StorageUnavailable(ex);
            foreach (var pending in batch)
            {
                _queuedByKey.Remove((pending.Message.SenderId, pending.Message.ClientMessageId));
                pending.Completion.TrySetException(error);
            }

            return;
        }

        _appends++;
        metrics.Appended(batch.Count, outcomes.Count(o => o.Created));
        for (var i = 0; i < batch.Count; i++)
        {
            var outcome = outcomes[i];
            var pending = batch[i];
            _queuedByKey.Remove((pending.Message.SenderId, pending.Message.ClientMessageId));
            _recent.Add(outcome.Message);
            if (outcome.Created)
            {
                _messagesWritten++;
                _lastSeq = Math.Max(_lastSeq, outcome.Message.Seq);

                // Announced in sequence order, after the commit, before the sender hears back.
                onCommitted(outcome.Message);
            }

            pending.Completion.TrySetResult(outcome);
        }
    }

    private async Task<IReadOnlyList<AppendOutcome>> AppendWithRetryAsync(List<Pending> batch)
    {
        var messages = batch.ConvertAll(p => p.Message);
        for (var attempt = 1; ; attempt++)
        {
            var lastSeq = await EnsureLoadedAsync();
            try
            {
                return await store.AppendAsync(conversationId, lastSeq, messages);
            }
            catch (Exception ex) when (attempt < MaxAttempts && ChatDatabase.IsUniqueViolation(ex))
            {
                // A number from lastSeq + 1 on is taken, or one of these (sender, client id) pairs was
                // stored concurrently: nothing was written; re-read the head and number again.
                LogSequenceConflict(logger, conversationId, lastSeq, attempt);
                _lastSeq = -1;
            }
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Appending {Count} messages to {ConversationId} failed; none was acknowledged")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string conversationId, int count);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Sequence conflict in {ConversationId} after {LastSeq} (attempt {Attempt}): another writer appended; re-reading the head")]
    private static partial void LogSequenceConflict(ILogger logger, string conversationId, long lastSeq, int attempt);

    private sealed class Pending(NewMessage message)
    {
        public NewMessage Message { get; } = message;

        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
