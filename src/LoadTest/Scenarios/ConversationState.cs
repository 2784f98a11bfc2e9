using OrleansChat.LoadTest.Client;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>A conversation during a run: its id, the highest sequence numbers acknowledged and seen, and every subscription to it.</summary>
internal sealed class ConversationState(int slot, string id, ConversationPlan plan)
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _subscriptions = [];
    private long _maxAcked;
    private long _maxSeen;

    public int Slot { get; } = slot;

    public string Id { get; } = id;

    public ConversationPlan Plan { get; } = plan;

    /// <summary>The last message every current member is owed: the highest sequence number acknowledged to a sender or seen by anyone.</summary>
    public long FinalSeq => Math.Max(Volatile.Read(ref _maxAcked), Volatile.Read(ref _maxSeen));

    public long MaxAckedSeq => Volatile.Read(ref _maxAcked);

    public void Acked(long seq) => RaiseTo(ref _maxAcked, seq);

    public void Seen(long seq) => RaiseTo(ref _maxSeen, seq);

    public void Add(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
    }

    public Subscription[] Subscriptions()
    {
        lock (_gate)
        {
            return [.. _subscriptions];
        }
    }

    private static void RaiseTo(ref long field, long value)
    {
        var current = Volatile.Read(ref field);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref field, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
