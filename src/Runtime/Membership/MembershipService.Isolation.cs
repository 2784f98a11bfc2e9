namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Isolation: a silo cut off from the table and from every peer cannot read its own row, so the
/// usual "read yourself Dead, stop" never happens while the cut lasts. Its peers, if they reach
/// the table, declare it Dead within seconds and activate its grains elsewhere; the isolated silo
/// would live on as a zombie until the network returns. After <see cref="MembershipOptions.IsolationTimeout"/>
/// of silence on both sides it therefore stops as if declared dead. Either side alone is not
/// enough: a database outage with peers reachable, or peers lost with the table reachable
/// (where the table decides), keeps the silo running.
/// </summary>
internal sealed partial class MembershipService
{
    private long _lastPeerContact;
    private long _lastTableContact;
    private long _pendingReadStarted;
    private volatile bool _tableUnreachable;

    private void StartIsolationClocks()
    {
        var now = _timeProvider.GetTimestamp();
        Interlocked.Exchange(ref _lastPeerContact, now);
        Interlocked.Exchange(ref _lastTableContact, now);
    }

    private void TableReadStarting() => Interlocked.CompareExchange(ref _pendingReadStarted, _timeProvider.GetTimestamp(), 0);

    private void TableReached()
    {
        Interlocked.Exchange(ref _lastTableContact, _timeProvider.GetTimestamp());
        Interlocked.Exchange(ref _pendingReadStarted, 0);
        _tableUnreachable = false;
    }

    private void TableReadFailed()
    {
        Interlocked.Exchange(ref _pendingReadStarted, 0);
        _tableUnreachable = true;
    }

    /// <summary>
    /// The last read failed, or one has been pending past <see cref="MembershipOptions.TableOperationTimeout"/>:
    /// against a server whose packets are dropped, the driver holds a read well beyond its
    /// cancellation (about 30 s), and although the read gives up waiting at the timeout, a late
    /// failure (a busy thread pool) must not postpone the verdict either.
    /// </summary>
    private bool TableUnreachable(long now)
    {
        var pending = Interlocked.Read(ref _pendingReadStarted);
        return _tableUnreachable || (pending != 0 && _timeProvider.GetElapsedTime(pending, now) > _options.TableOperationTimeout);
    }

    /// <summary>Called by the prober thread after every round: whether some probed peer answered (or there was none to probe).</summary>
    private void OnProbeRound(bool reachedAnyPeer)
    {
        var now = _timeProvider.GetTimestamp();
        if (reachedAnyPeer)
        {
            Interlocked.Exchange(ref _lastPeerContact, now);
            return;
        }

        // Only once the table is known unreachable: a silo whose last read succeeded is not cut off, however long ago that was.
        if (!TableUnreachable(now))
        {
            return;
        }

        var withoutPeers = _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastPeerContact), now);
        var withoutTable = _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastTableContact), now);
        if (withoutPeers < _options.EffectiveIsolationTimeout || withoutTable < _options.EffectiveIsolationTimeout)
        {
            return;
        }

        StopAsDeclaredDead(
            $"reached neither the membership table nor any peer for {_options.EffectiveIsolationTimeout.TotalSeconds:0.#} s and must presume the cluster declared it dead",
            () => LogIsolated(_logger, _localAddress, withoutTable.TotalSeconds, withoutPeers.TotalSeconds));
    }
}
