using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// The membership protocol of one silo: joins the cluster (<see cref="StartAsync"/>), answers
/// and sends liveness probes, votes out silos that stop answering, keeps <see cref="CurrentView"/>
/// fresh from the table, kills itself when declared dead, and leaves gracefully
/// (<see cref="StopAsync"/>). All table writes are version compare-and-swaps
/// (<see cref="MembershipTable"/>); this class decides what to write from a fresh snapshot and
/// retries, bounded, when another silo wrote first.
/// </summary>
internal sealed partial class MembershipService : IClusterMembership, IHostedService, IAsyncDisposable
{
    private readonly MembershipTable _table;
    private readonly MembershipOptions _options;
    private readonly TableOperation _tableOperation;
    private readonly ISiloLivenessSource _liveness;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly MembershipViewHolder _views = new();
    private readonly object _publishLock = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly ConcurrentDictionary<SiloAddress, Task> _suspicions = new();
    private ProbeResponder? _responder;
    private ProbeMonitor? _monitor;
    private SiloAddress _localAddress;
    private long _joinedVersion = long.MaxValue;
    private int _started;
    private int _declaredDead;
    private int _disposed;
    private volatile bool _leaving;

    public MembershipService(
        MembershipTable table,
        IOptions<MembershipOptions> options,
        ISiloLivenessSource liveness,
        TimeProvider timeProvider,
        ILogger<MembershipService> logger)
    {
        MembershipOptionsValidator.ThrowIfInvalid(options.Value);
        _table = table;
        _options = options.Value;
        _liveness = liveness;
        _timeProvider = timeProvider;
        _logger = logger;
        _tableOperation = new TableOperation(_options.TableOperationTimeout, timeProvider, logger);
        _localAddress = _options.LocalSiloAddress;
    }

    /// <inheritdoc />
    public SiloAddress LocalAddress => _localAddress;

    /// <inheritdoc />
    public MembershipView CurrentView => _views.Current;

    /// <inheritdoc />
    public event Action<MembershipView>? ViewChanged;

    /// <summary>What the protocol has done so far.</summary>
    internal MembershipStatistics Statistics { get; } = new();

    /// <summary>UDP port of this silo's probe responder (after start).</summary>
    internal int ProbePort => _responder?.Port ?? 0;

    private bool Joined => Interlocked.Read(ref _joinedVersion) != long.MaxValue;

    /// <inheritdoc />
    public IAsyncEnumerable<MembershipView> WatchAsync(CancellationToken cancellationToken = default) => _views.WatchAsync(cancellationToken);

    /// <inheritdoc />
    public Task<MembershipView> WaitForViewAsync(Func<MembershipView, bool> predicate, CancellationToken cancellationToken = default) =>
        _views.WaitForAsync(predicate, cancellationToken);

    /// <summary>Joins the cluster: see <see cref="JoinAsync"/>.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => JoinAsync(cancellationToken);

    /// <summary>Leaves the cluster gracefully, then stops probing and answering probes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LeaveAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The others will find this silo silent and vote it out; nothing else to do.
            LogLeaveFailed(_logger, _localAddress, e);
        }

        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Leaves gracefully: ShuttingDown, then Dead, each a compare-and-swap. The responder keeps
    /// answering probes until the Dead write, so a draining silo is never voted out
    /// (Orleans #8464). No-op if never joined, already left or declared dead.
    /// </summary>
    public Task LeaveAsync(CancellationToken cancellationToken = default) =>
        SetOwnStatusesAsync([SiloStatus.ShuttingDown, SiloStatus.Dead], cancellationToken);

    /// <summary>
    /// First half of a graceful leave: announces ShuttingDown (peers stop routing new work here)
    /// while this silo drains; <see cref="LeaveAsync"/> later completes with Dead.
    /// </summary>
    public Task MarkShuttingDownAsync(CancellationToken cancellationToken = default) =>
        SetOwnStatusesAsync([SiloStatus.ShuttingDown], cancellationToken);

    private async Task SetOwnStatusesAsync(SiloStatus[] statuses, CancellationToken cancellationToken)
    {
        if (!Joined || Volatile.Read(ref _declaredDead) == 1)
        {
            return;
        }

        _leaving = true;
        // A leaving silo no longer judges others.
        _monitor?.Dispose();
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var status in statuses)
            {
                await ChangeTableAsync($"leave ({status})", snapshot =>
                {
                    var own = snapshot.View.Find(_localAddress);
                    return own is null || own.Status >= status
                        ? null
                        : ct => _table.TrySetStatusAsync(snapshot.Version, _localAddress, status, ct);
                }, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _writeGate.Release();
        }

        if (statuses[^1] == SiloStatus.Dead)
        {
            LogLeft(_logger, _localAddress);
        }
    }

    /// <summary>Stops everything without touching the table: what a crash looks like to the others.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _monitor?.Dispose();
        _responder?.Dispose();
        await WhenAllQuietly(_loops).ConfigureAwait(false);
        await WhenAllQuietly(_suspicions.Values).ConfigureAwait(false);
    }

    /// <summary>
    /// Publishes <paramref name="view"/> if it changed, raising <see cref="ViewChanged"/>, and checks
    /// this silo's own row in every view read, published or not.
    /// </summary>
    private void Publish(MembershipView view)
    {
        lock (_publishLock)
        {
            if (_views.TryPublish(view))
            {
                LogViewChanged(_logger, view.Version, view.ActiveSilos.Length, view.Members.Length);
                RaiseViewChanged(view);
            }
        }

        CheckOwnRow(view);
    }

    private void RaiseViewChanged(MembershipView view)
    {
        if (ViewChanged is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action<MembershipView>>())
        {
            try
            {
                handler(view);
            }
            catch (Exception e)
            {
                LogViewHandlerFailed(_logger, e);
            }
        }
    }

    private void CheckOwnRow(MembershipView view)
    {
        if (_leaving || Volatile.Read(ref _disposed) == 1 || view.Version < Interlocked.Read(ref _joinedVersion))
        {
            return;
        }

        var own = view.Find(_localAddress);
        if (own is not null && own.Status != SiloStatus.Dead)
        {
            return;
        }

        StopAsDeclaredDead(
            "was declared dead by the cluster",
            () => LogDeclaredDead(_logger, _localAddress, own is null ? "its row was deleted" : "its row is Dead", view.Version));
    }

    /// <summary>The end of a silo the cluster has (or must be presumed to have) declared dead: once, and never after a graceful leave.</summary>
    private void StopAsDeclaredDead(string reason, Action log)
    {
        if (_leaving || Volatile.Read(ref _disposed) == 1 || Interlocked.Exchange(ref _declaredDead, 1) == 1)
        {
            return;
        }

        // Stop claiming to be alive at once: probes now get a Nack, and this silo votes no more.
        _responder?.StopAnswering();
        _stopping.Cancel();
        log();
        try
        {
            if (_options.OnDeclaredDead is { } onDeclaredDead)
            {
                onDeclaredDead();
            }
            else
            {
                Environment.FailFast($"Silo {_localAddress} of cluster '{_options.ClusterId}' {reason}; its grains live elsewhere now, so this process must stop.");
            }
        }
        catch (Exception e)
        {
            LogDeclaredDeadCallbackFailed(_logger, e);
        }
    }

    private static async Task WhenAllQuietly(IEnumerable<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks.ToArray()).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Each task logged its own failure; stopping only waits for them to end.
        }
    }
}
