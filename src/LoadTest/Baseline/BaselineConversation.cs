namespace OrleansChat.LoadTest.Baseline;

/// <summary>
/// A conversation of the baseline hub: a sequence counter and a ring of the most recent messages
/// (for catch-up). Its lock also orders broadcasts, so every member sees one sequence — the same
/// per-conversation total order the real system promises, at the cost of one uncontended lock.
/// </summary>
internal sealed class BaselineConversation(string id, int historyCapacity)
{
    /// <summary>The most messages a Subscribe returns at once (as in the contract).</summary>
    public const int MaxMissed = 500;

    private readonly BaselineMessageView?[] _history = new BaselineMessageView?[historyCapacity];

    public string Id { get; } = id;

    /// <summary>Taken while numbering and starting a broadcast, and while joining the group and reading the catch-up list.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The latest sequence number (read and written under <see cref="Gate"/>).</summary>
    public long LatestSeq { get; private set; }

    /// <summary>Numbers a new message and keeps it for catch-up. Call under <see cref="Gate"/>.</summary>
    public BaselineMessageView Append(string senderId, string text, long? replyToSeq, DateTimeOffset now)
    {
        var seq = ++LatestSeq;
        var view = new BaselineMessageView(Id, seq, $"{Id}/{seq}", senderId, senderId, text, now, null, false, replyToSeq, [], []);
        if (_history.Length > 0)
        {
            _history[(seq - 1) % _history.Length] = view;
        }

        return view;
    }

    /// <summary>Messages after <paramref name="lastSeenSeq"/> still in the ring, at most <see cref="MaxMissed"/>. Call under <see cref="Gate"/>.</summary>
    public BaselineMessageView[] After(long? lastSeenSeq, out bool hasMore)
    {
        hasMore = false;
        if (lastSeenSeq is not { } last || last >= LatestSeq || _history.Length == 0)
        {
            return [];
        }

        var first = Math.Max(last + 1, LatestSeq - _history.Length + 1);
        var end = Math.Min(LatestSeq, first + MaxMissed - 1);
        hasMore = end < LatestSeq;
        var missed = new BaselineMessageView[end - first + 1];
        for (var seq = first; seq <= end; seq++)
        {
            missed[seq - first] = _history[(seq - 1) % _history.Length]!;
        }

        return missed;
    }
}
