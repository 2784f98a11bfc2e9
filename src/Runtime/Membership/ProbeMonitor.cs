using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// The failure detector: a dedicated thread that probes this silo's ring successors once per
/// <see cref="MembershipOptions.ProbeTimeout"/> and reports a peer after
/// <see cref="MembershipOptions.NumMissedProbesLimit"/> consecutive misses. It never uses the
/// thread pool, so starvation in this process cannot turn into false suspicions of others.
/// </summary>
internal sealed partial class ProbeMonitor : IDisposable
{
    // A round that took this many probe timeouts means this process was not running (GC pause,
    // CPU starvation, suspended VM): the misses say nothing about the peers, so they are dropped.
    private const int LocalStallFactor = 2;

    private readonly ProbeClient _client;
    private readonly Func<MembershipView> _currentView;
    private readonly SiloAddress _self;
    private readonly MembershipOptions _options;
    private readonly ISiloLivenessSource _liveness;
    private readonly TimeProvider _timeProvider;
    private readonly Action<SiloAddress> _onSuspect;
    private readonly Action<bool> _onRound;
    private readonly MembershipStatistics _statistics;
    private readonly ILogger _logger;
    private readonly ManualResetEventSlim _stop = new();
    private readonly Dictionary<SiloAddress, int> _misses = [];
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _disposed;

    public ProbeMonitor(
        SiloAddress self,
        Func<MembershipView> currentView,
        MembershipOptions options,
        ISiloLivenessSource liveness,
        TimeProvider timeProvider,
        Action<SiloAddress> onSuspect,
        Action<bool> onRound,
        MembershipStatistics statistics,
        ILogger logger)
    {
        _client = new ProbeClient(options.ClusterId);
        _self = self;
        _currentView = currentView;
        _options = options;
        _liveness = liveness;
        _timeProvider = timeProvider;
        _onSuspect = onSuspect;
        _onRound = onRound;
        _statistics = statistics;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "membership-prober" };
    }

    public void Start() => _thread.Start();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping = true;
        _stop.Set();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            // A round lasts at most one probe timeout; then the thread sees the stop signal.
            _thread.Join(_options.ProbeTimeout + TimeSpan.FromSeconds(2));
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                var started = Stopwatch.GetTimestamp();
                var targets = ProbeTargetSelector.Select(_currentView(), _self, _options.NumProbedSilos);
                var answered = _client.ProbeRound(targets, _options.ProbeTimeout);
                var elapsed = Stopwatch.GetElapsedTime(started);
                _statistics.ProbeRoundCompleted();
                if (elapsed > _options.ProbeTimeout * LocalStallFactor)
                {
                    _statistics.RoundDiscardedForLocalStall();
                    LogLocalStall(_logger, elapsed.TotalMilliseconds);
                    // Says nothing about the peers either way, so it must not count towards isolation.
                    _onRound(true);
                }
                else
                {
                    _onRound(Evaluate(targets, answered));
                }

                Forget(targets);
                var rest = _options.ProbeTimeout - elapsed;
                if (rest > TimeSpan.Zero)
                {
                    _stop.Wait(rest);
                }
            }
        }
        catch (Exception e)
        {
            // Disposing mid-round closes the socket under the thread: that is a normal stop.
            if (!_stopping)
            {
                LogProberFailed(_logger, e);
            }
        }
    }

    /// <summary>Counts misses and reports suspects; returns true if some peer was heard from (or there was none to probe).</summary>
    private bool Evaluate(IReadOnlyList<ProbeTarget> targets, bool[] answered)
    {
        var reachedAnyPeer = targets.Count == 0;
        for (var i = 0; i < targets.Count; i++)
        {
            var silo = targets[i].Silo;
            if (answered[i])
            {
                reachedAnyPeer = true;
                _misses.Remove(silo);
                continue;
            }

            // Real traffic from the silo during this round proves it alive: the probe path
            // is the problem, not the silo.
            if (_liveness.LastMessageFrom(silo) is { } lastMessage && _timeProvider.GetUtcNow() - lastMessage <= _options.ProbeTimeout)
            {
                reachedAnyPeer = true;
                _statistics.MissExcusedByTraffic();
                _misses.Remove(silo);
                continue;
            }

            _statistics.ProbeMissed();
            var misses = _misses.GetValueOrDefault(silo) + 1;
            if (misses < _options.NumMissedProbesLimit)
            {
                _misses[silo] = misses;
                continue;
            }

            // Start counting afresh: if the peer stays silent, the next vote refreshes this one.
            _misses.Remove(silo);
            LogMissedLimit(_logger, silo, misses);
            _onSuspect(silo);
        }

        return reachedAnyPeer;
    }

    private void Forget(IReadOnlyList<ProbeTarget> targets)
    {
        if (_misses.Count == 0)
        {
            return;
        }

        foreach (var silo in _misses.Keys.ToList())
        {
            if (!targets.Any(t => t.Silo == silo))
            {
                _misses.Remove(silo);
            }
        }
    }

    [LoggerMessage(EventId = 2150, Level = LogLevel.Warning, Message = "Probe round took {ElapsedMs:0} ms: this process stalled, so the round's misses are not counted")]
    private static partial void LogLocalStall(ILogger logger, double elapsedMs);

    [LoggerMessage(EventId = 2151, Level = LogLevel.Information, Message = "Silo {Silo} missed {Misses} probes in a row")]
    private static partial void LogMissedLimit(ILogger logger, SiloAddress silo, int misses);

    [LoggerMessage(EventId = 2152, Level = LogLevel.Critical, Message = "The membership prober thread failed; this silo no longer monitors its peers")]
    private static partial void LogProberFailed(ILogger logger, Exception exception);
}
