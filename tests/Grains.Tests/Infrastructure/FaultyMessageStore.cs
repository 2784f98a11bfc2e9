using Npgsql;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>
/// The real message store with switches: appends can be made to fail (as a dead database would) or
/// held at a gate, and round trips are counted, so tests can show what is (not) written and batched.
/// </summary>
internal sealed class FaultyMessageStore(IMessageStore inner) : IMessageStore
{
    private TaskCompletionSource? _gate;
    private int _appendCalls;

    /// <summary>Appends fail with a database error while true.</summary>
    public bool FailAppends { get; set; }

    public int AppendCalls => Volatile.Read(ref _appendCalls);

    /// <summary>The message counts of successful appends, in order.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>Holds every append until <see cref="ReleaseAppends"/>.</summary>
    public void HoldAppends() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseAppends() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    public async Task<IReadOnlyList<AppendOutcome>> AppendAsync(string conversationId, long lastSeq, IReadOnlyList<NewMessage> messages)
    {
        Interlocked.Increment(ref _appendCalls);
        if (_gate is { } gate)
        {
            await gate.Task;
        }

        if (FailAppends)
        {
            throw new NpgsqlException("Simulated: the database connection was lost.");
        }

        var outcomes = await inner.AppendAsync(conversationId, lastSeq, messages);
        lock (BatchSizes)
        {
            BatchSizes.Add(messages.Count);
        }

        return outcomes;
    }

    public Task<long> GetLastSeqAsync(string conversationId) => inner.GetLastSeqAsync(conversationId);

    public Task<(IReadOnlyList<ChatMessage> Messages, bool HasMore)> ReadPageAsync(string conversationId, HistoryQuery query, string viewerId) =>
        inner.ReadPageAsync(conversationId, query, viewerId);

    public Task<ChatMessage?> GetAsync(string conversationId, long seq, string viewerId) => inner.GetAsync(conversationId, seq, viewerId);

    public Task<ChangeOutcome> EditAsync(string conversationId, long seq, string authorId, string text, DateTimeOffset at) =>
        inner.EditAsync(conversationId, seq, authorId, text, at);

    public Task<ChangeOutcome> DeleteAsync(string conversationId, long seq, string actorId, DateTimeOffset at, AuditEntry? audit) =>
        inner.DeleteAsync(conversationId, seq, actorId, at, audit);

    public Task<ToggleOutcome> ToggleReactionAsync(string conversationId, long seq, string userId, string emoji, DateTimeOffset at) =>
        inner.ToggleReactionAsync(conversationId, seq, userId, emoji, at);

    public Task<IReadOnlyList<MessageRevision>> GetRevisionsAsync(string conversationId, long seq) => inner.GetRevisionsAsync(conversationId, seq);

    public Task<long> MarkReadAsync(string userId, string conversationId, long seq, DateTimeOffset at) => inner.MarkReadAsync(userId, conversationId, seq, at);

    public Task<IReadOnlyList<ReadPosition>> GetReadPositionsAsync(string conversationId, int limit) => inner.GetReadPositionsAsync(conversationId, limit);
}
