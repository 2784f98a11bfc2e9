namespace OrleansChat.LoadTest.Client;

/// <summary>
/// Proves exactly-once, in-order delivery for one member of one conversation. Messages are numbered
/// 1, 2, 3 … per conversation; the tracker keeps the highest number up to which everything has
/// arrived (<see cref="Contiguous"/>) and the few that arrived early. A repeat is a duplicate; a
/// number that skips ahead is out of order (unless a subscribe was in progress, when live events may
/// legitimately overtake the catch-up list); whatever is still missing at the end is lost.
/// Single-threaded: a connection's receive loop owns it.
/// </summary>
internal sealed class SequenceTracker
{
    private HashSet<long>? _ahead;
    private HashSet<long>? _replayable;

    /// <summary>Everything in (start, Contiguous] has arrived; -1 until the starting point is known.</summary>
    public long Contiguous { get; private set; } = -1;

    /// <summary>The sequence number this member started after (its first subscribe's latestSeq or lastSeenSeq).</summary>
    public long Start { get; private set; } = -1;

    public bool HasStart => Contiguous >= 0;

    /// <summary>Distinct messages received after the start.</summary>
    public long Received { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>Highest sequence number seen (arrived, in order or not).</summary>
    public long HighestSeen { get; private set; } = -1;

    /// <summary>Messages that arrived ahead of a gap that has not filled yet.</summary>
    public int AheadCount => _ahead?.Count ?? 0;

    /// <summary>Sets the starting point of a fresh subscription: live messages follow <paramref name="latestSeq"/>.</summary>
    /// <exception cref="InvalidOperationException">The start is already known.</exception>
    public void SetStart(long latestSeq)
    {
        if (HasStart)
        {
            throw new InvalidOperationException("The tracker already has a starting point.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(latestSeq);
        Start = latestSeq;
        Contiguous = latestSeq;
        if (_ahead is { Count: > 0 })
        {
            // Live events that raced the subscribe's result: those after the start count, the others
            // would have been both "before the seam" and live, which the contract rules out.
            foreach (var seq in _ahead)
            {
                if (seq <= latestSeq)
                {
                    Duplicates++;
                }
                else
                {
                    Received++;
                }
            }

            _ahead.RemoveWhere(seq => seq <= latestSeq);
            Drain();
        }
    }

    /// <summary>Records a live message. <paramref name="seamOpen"/>: a subscribe is in flight, so overtaking is expected.</summary>
    public DeliveryOutcome Observe(long seq, bool seamOpen)
    {
        if (seq > HighestSeen)
        {
            HighestSeen = seq;
        }

        if (!HasStart)
        {
            if (!(_ahead ??= []).Add(seq))
            {
                Duplicates++;
                return DeliveryOutcome.Duplicate;
            }

            return DeliveryOutcome.Buffered;
        }

        if (seq <= Contiguous || (_ahead is not null && _ahead.Contains(seq)))
        {
            Duplicates++;
            return DeliveryOutcome.Duplicate;
        }

        Received++;
        if (seq == Contiguous + 1)
        {
            Contiguous = seq;
            Drain();
            return DeliveryOutcome.InOrder;
        }

        (_ahead ??= []).Add(seq);
        if (!seamOpen)
        {
            OutOfOrder++;
        }

        return DeliveryOutcome.Ahead;
    }

    /// <summary>
    /// Starts a resubscribe's catch-up list: messages that had arrived ahead of a gap will come
    /// again in it (it starts at the last contiguous one), and that repeat is expected.
    /// </summary>
    public void BeginCatchUp() => _replayable = _ahead is { Count: > 0 } ? [.. _ahead] : null;

    /// <summary>Records a message from a subscribe's catch-up list (see <see cref="BeginCatchUp"/>).</summary>
    public DeliveryOutcome ObserveCatchUp(long seq)
    {
        if (_replayable is not null && _replayable.Remove(seq))
        {
            return DeliveryOutcome.Replayed;
        }

        return Observe(seq, seamOpen: true);
    }

    /// <summary>Messages that should have arrived up to <paramref name="finalSeq"/> but have not.</summary>
    public long MissingUpTo(long finalSeq)
    {
        if (!HasStart || finalSeq <= Contiguous)
        {
            return 0;
        }

        var ahead = 0L;
        if (_ahead is not null)
        {
            foreach (var seq in _ahead)
            {
                if (seq <= finalSeq)
                {
                    ahead++;
                }
            }
        }

        return finalSeq - Contiguous - ahead;
    }

    private void Drain()
    {
        if (_ahead is null)
        {
            return;
        }

        while (_ahead.Remove(Contiguous + 1))
        {
            Contiguous++;
        }
    }
}
