namespace OrleansChat.LoadTest.Scenarios;

/// <summary>Which client is in which conversation and who sends: the shape of a scenario's traffic.</summary>
internal sealed class Topology
{
    private Topology(string shape, int clientCount, IReadOnlyList<ConversationPlan> conversations)
    {
        Shape = shape;
        ClientCount = clientCount;
        Conversations = conversations;
    }

    public string Shape { get; }

    public int ClientCount { get; }

    public IReadOnlyList<ConversationPlan> Conversations { get; }

    /// <summary>Direct conversations need one user per client (a DM is between two distinct users).</summary>
    public bool NeedsDistinctUsers => Conversations.Any(c => c.Direct);

    /// <summary>One room with <paramref name="members"/> members, the first <paramref name="senders"/> of which post.</summary>
    public static Topology HotRoom(int members, int senders)
    {
        Positive(members, nameof(members));
        Positive(senders, nameof(senders));
        senders = Math.Min(senders, members);
        var all = Enumerable.Range(0, members).ToArray();
        return new Topology("hot-room", members, [new ConversationPlan("hot", all, all[..senders], Direct: false)]);
    }

    /// <summary>
    /// One room with <paramref name="members"/> receiving members (clients 0..members-1) and
    /// <paramref name="writers"/> posting members after them, who keep posting while the receivers are away.
    /// </summary>
    public static Topology RoomWithWriters(int members, int writers)
    {
        Positive(members, nameof(members));
        Positive(writers, nameof(writers));
        var all = Enumerable.Range(0, members + writers).ToArray();
        return new Topology("reconnect-storm", members + writers, [new ConversationPlan("storm", all, all[members..], Direct: false)]);
    }

    /// <summary><paramref name="rooms"/> rooms of <paramref name="membersPerRoom"/> distinct members; <paramref name="sendersPerRoom"/> of each post.</summary>
    public static Topology SmallRooms(int rooms, int membersPerRoom, int sendersPerRoom)
    {
        Positive(rooms, nameof(rooms));
        Positive(membersPerRoom, nameof(membersPerRoom));
        Positive(sendersPerRoom, nameof(sendersPerRoom));
        sendersPerRoom = Math.Min(sendersPerRoom, membersPerRoom);
        var plans = new ConversationPlan[rooms];
        for (var r = 0; r < rooms; r++)
        {
            var members = Enumerable.Range(r * membersPerRoom, membersPerRoom).ToArray();
            plans[r] = new ConversationPlan($"room-{r}", members, members[..sendersPerRoom], Direct: false);
        }

        return new Topology("small-rooms", rooms * membersPerRoom, plans);
    }

    /// <summary><paramref name="pairs"/> direct-message threads between distinct pairs of users; both sides post.</summary>
    public static Topology DirectPairs(int pairs)
    {
        Positive(pairs, nameof(pairs));
        var plans = new ConversationPlan[pairs];
        for (var p = 0; p < pairs; p++)
        {
            int[] both = [2 * p, (2 * p) + 1];
            plans[p] = new ConversationPlan($"dm-{p}", both, both, Direct: true);
        }

        return new Topology("dm-storm", pairs * 2, plans);
    }

    /// <summary><paramref name="connections"/> clients, each subscribed to one of <paramref name="rooms"/> rooms (none when 0); nobody posts.</summary>
    public static Topology Idle(int connections, int rooms)
    {
        Positive(connections, nameof(connections));
        ArgumentOutOfRangeException.ThrowIfNegative(rooms);
        var plans = new List<ConversationPlan>();
        for (var r = 0; r < rooms; r++)
        {
            var members = Enumerable.Range(0, connections).Where(i => i % rooms == r).ToArray();
            if (members.Length > 0)
            {
                plans.Add(new ConversationPlan($"idle-{r}", members, [], Direct: false));
            }
        }

        return new Topology("idle", connections, plans);
    }

    /// <summary>Sends in the pacer's round-robin order: every conversation's senders interleaved, so conversations get equal rates.</summary>
    public (int Client, int Slot)[] SendOrder()
    {
        var order = new List<(int, int)>();
        var longest = Conversations.Count == 0 ? 0 : Conversations.Max(c => c.Senders.Length);
        for (var i = 0; i < longest; i++)
        {
            for (var slot = 0; slot < Conversations.Count; slot++)
            {
                var senders = Conversations[slot].Senders;
                if (i < senders.Length)
                {
                    order.Add((senders[i], slot));
                }
            }
        }

        return [.. order];
    }

    private static void Positive(int value, string name) => ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, name);
}
