namespace OrleansChat.Runtime.Membership;

internal sealed partial class MembershipService
{
    /// <summary>
    /// Votes <paramref name="suspect"/> dead, and declares it Dead in the same write when this
    /// vote completes the required count. Only Joining and Active silos vote, and only Active
    /// ones declare: a silo that has not joined yet must not kill members of a cluster it cannot
    /// reach. Returns true when a vote was written.
    /// </summary>
    internal async Task<bool> SuspectAsync(SiloAddress suspect, CancellationToken cancellationToken)
    {
        if (!Joined || Volatile.Read(ref _declaredDead) == 1 || suspect == _localAddress)
        {
            return false;
        }

        var declared = false;
        var votes = 0;
        var required = 0;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var written = await ChangeTableAsync($"suspect {suspect}", snapshot =>
            {
                var view = snapshot.View;
                var own = view.Find(_localAddress);
                var target = view.Find(suspect);
                if (_leaving || own is null || own.Status is not (SiloStatus.Joining or SiloStatus.Active) || target is null || target.Status == SiloStatus.Dead)
                {
                    return null;
                }

                votes = SuspicionPolicy.FreshVotesFromOthers(target, _localAddress, snapshot.DatabaseNow, _options.DeathVoteExpiration) + 1;
                required = SuspicionPolicy.RequiredVotes(view, suspect, _localAddress, snapshot.DatabaseNow, _options);
                declared = own.Status == SiloStatus.Active && votes >= required;
                var declare = declared;
                return ct => _table.TrySuspectAsync(snapshot.Version, suspect, _localAddress, _options.DeathVoteExpiration, declare, ct);
            }, cancellationToken).ConfigureAwait(false);

            if (written is null)
            {
                return false;
            }
        }
        finally
        {
            _writeGate.Release();
        }

        Statistics.VoteCast();
        if (declared)
        {
            LogDeclaredPeerDead(_logger, suspect, votes, required);
        }
        else
        {
            LogVoted(_logger, suspect, votes, required);
        }

        return true;
    }

    /// <summary>Called on the prober thread; the vote runs on the thread pool so probing goes on meanwhile.</summary>
    private void OnPeerMissedProbes(SiloAddress suspect)
    {
        if (_stopping.IsCancellationRequested || _suspicions.ContainsKey(suspect))
        {
            return;
        }

        var vote = Task.Run(async () =>
        {
            try
            {
                await SuspectAsync(suspect, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // Table unreachable: nobody can be declared dead, which is the safe outcome.
                Statistics.VoteAttemptFailed();
                LogVoteFailed(_logger, suspect, e);
            }
        });
        if (!_suspicions.TryAdd(suspect, vote))
        {
            return;
        }

        vote.ContinueWith(_ => _suspicions.TryRemove(suspect, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
