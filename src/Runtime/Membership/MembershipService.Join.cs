namespace OrleansChat.Runtime.Membership;

internal sealed partial class MembershipService
{
    /// <summary>
    /// Joins the cluster: creates the tables if needed, starts the probe responder, inserts this
    /// incarnation as Joining (declaring older generations of the same endpoint Dead: this process
    /// replaced them), probes every Active silo, suspects those that do not answer, and becomes
    /// Active. Then starts probing, refreshing, heartbeating and cleanup.
    /// </summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("This membership service has already been started; a restart is a new service with a new generation.");
        }

        var configured = _options.LocalSiloAddress;
        var siloName = string.IsNullOrWhiteSpace(_options.SiloName) ? Environment.MachineName : _options.SiloName;
        LogStarting(_logger, _options.ClusterId, configured.Host, configured.Port, _options.ProbeTimeout.TotalMilliseconds, _options.NumMissedProbesLimit,
            _options.NumProbedSilos, _options.NumVotesForDeathDeclaration, _options.TableRefreshTimeout.TotalMilliseconds, _options.IAmAliveTablePublishTimeout.TotalMilliseconds);
        try
        {
            await _tableOperation.RunAsync(_table.InitializeAsync, cancellationToken).ConfigureAwait(false);
            _responder = new ProbeResponder(configured.Host, _options.ProbePort ?? configured.Port, _options.ClusterId, _logger);
            _responder.Start();

            var joinedVersion = await ChangeTableAsync("join", snapshot => PlanInsert(snapshot, siloName), cancellationToken).ConfigureAwait(false);
            Interlocked.Exchange(ref _joinedVersion, joinedVersion ?? throw new MembershipException("Joining wrote no row."));
            LogJoining(_logger, _localAddress, _responder.Port);

            await CheckConnectivityAsync(cancellationToken).ConfigureAwait(false);
            await ChangeTableAsync("activate", PlanActivate, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await AbandonJoinAsync(e).ConfigureAwait(false);
            throw;
        }

        StartIsolationClocks();
        _monitor = new ProbeMonitor(_localAddress, () => _views.Current, _options, _liveness, _timeProvider, OnPeerMissedProbes, OnProbeRound, Statistics, _logger);
        _monitor.Start();
        StartBackgroundLoops();
        LogJoined(_logger, _localAddress, _views.Current.Version, _views.Current.ActiveSilos.Length);
    }

    private Func<CancellationToken, Task<long?>> PlanInsert(MembershipSnapshot snapshot, string siloName)
    {
        var configured = _options.LocalSiloAddress;
        var sameEndpoint = snapshot.View.Members.Where(m => m.Address.IsSameEndpoint(configured)).ToList();
        var newestExisting = sameEndpoint.Count == 0 ? 0 : sameEndpoint.Max(m => m.Address.Generation);
        long generation;
        if (configured.Generation != 0)
        {
            if (configured.Generation <= newestExisting)
            {
                throw new MembershipException(
                    $"Generation {configured.Generation} of {configured.Host}:{configured.Port} is not newer than generation {newestExisting} already in the table; a restart needs a new generation.");
            }

            generation = configured.Generation;
        }
        else
        {
            // The start time in ms, but always newer than any earlier incarnation even if this
            // machine's clock went backwards.
            generation = Math.Max(_timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), newestExisting + 1);
        }

        _localAddress = configured.WithGeneration(generation);
        _responder!.Generation = generation;
        var older = sameEndpoint.Where(m => m.Status != SiloStatus.Dead).Select(m => m.Address).ToList();
        foreach (var previous in older)
        {
            LogReplacingOlderGeneration(_logger, previous, _localAddress);
        }

        var entry = new MembershipEntry(_localAddress, SiloStatus.Joining, siloName, _responder.Port, _timeProvider.GetUtcNow(), default, []);
        return ct => _table.TryInsertAsync(snapshot.Version, entry, older, ct);
    }

    private Func<CancellationToken, Task<long?>>? PlanActivate(MembershipSnapshot snapshot)
    {
        var own = snapshot.View.Find(_localAddress);
        if (own is null || own.Status == SiloStatus.Dead)
        {
            throw new MembershipException($"Silo {_localAddress} was declared dead while joining.");
        }

        return own.Status >= SiloStatus.Active ? null : ct => _table.TrySetStatusAsync(snapshot.Version, _localAddress, SiloStatus.Active, ct);
    }

    /// <summary>
    /// Probes every Active silo (several rounds, on a dedicated thread). A silo that never
    /// answers gets this silo's vote instead of blocking the join: a cluster with a dead member
    /// not yet voted out must still accept new silos.
    /// </summary>
    private async Task CheckConnectivityAsync(CancellationToken cancellationToken)
    {
        var snapshot = await ReadTableAsync(cancellationToken).ConfigureAwait(false);
        var targets = snapshot.View.Members
            .Where(m => m.Status == SiloStatus.Active && m.Address != _localAddress)
            .Select(m => new ProbeTarget(m.Address, m.ProbePort))
            .ToList();
        if (targets.Count == 0)
        {
            return;
        }

        var answered = await DedicatedThread.RunAsync("membership-join-prober", () =>
        {
            using var client = new ProbeClient(_options.ClusterId);
            var ever = new bool[targets.Count];
            for (var round = 0; round < _options.NumMissedProbesLimit && ever.Contains(false); round++)
            {
                var pending = Enumerable.Range(0, targets.Count).Where(i => !ever[i]).ToList();
                var result = client.ProbeRound([.. pending.Select(i => targets[i])], _options.ProbeTimeout);
                for (var j = 0; j < pending.Count; j++)
                {
                    ever[pending[j]] |= result[j];
                }
            }

            return ever;
        }).WaitAsync(cancellationToken).ConfigureAwait(false);

        for (var i = 0; i < targets.Count; i++)
        {
            if (answered[i])
            {
                continue;
            }

            LogJoinProbeFailed(_logger, targets[i].Silo, _options.NumMissedProbesLimit);
            try
            {
                await SuspectAsync(targets[i].Silo, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Statistics.VoteAttemptFailed();
                LogVoteFailed(_logger, targets[i].Silo, e);
            }
        }
    }

    /// <summary>A failed join marks its own row Dead (best effort) so nobody waits for it, then stops.</summary>
    private async Task AbandonJoinAsync(Exception reason)
    {
        LogJoinFailed(_logger, _localAddress, reason);
        if (Joined && Volatile.Read(ref _declaredDead) == 0)
        {
            _leaving = true;
            try
            {
                using var timeout = new CancellationTokenSource(_options.TableOperationTimeout, _timeProvider);
                await ChangeTableAsync("abandon join", snapshot =>
                {
                    var own = snapshot.View.Find(_localAddress);
                    return own is null || own.Status == SiloStatus.Dead
                        ? null
                        : ct => _table.TrySetStatusAsync(snapshot.Version, _localAddress, SiloStatus.Dead, ct);
                }, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                LogLeaveFailed(_logger, _localAddress, e);
            }
        }

        await DisposeAsync().ConfigureAwait(false);
    }
}
