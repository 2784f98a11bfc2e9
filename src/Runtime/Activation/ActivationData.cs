using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Scheduling;
using OrleansChat.Runtime.Timers;

namespace OrleansChat.Runtime.Activation;

/// <summary>
/// One live activation of a grain: its instance, its queue of waiting work, and the turn loop
/// that runs one turn at a time. Requests are admitted by Orleans' rules (non-reentrant by
/// default; reentrant classes, always-interleave and read-only methods opt out), and every
/// continuation of admitted work comes back here through <see cref="ActivationSynchronizationContext"/>.
/// </summary>
internal sealed partial class ActivationData : IGrainContext, IThreadPoolWorkItem
{
    [ThreadStatic]
    private static int _inlineDepth;

    private readonly object _lock = new();
    private readonly Queue<ActivationWorkItem> _waiting = new();
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _continuations = new();
    private readonly ActivationSynchronizationContext _synchronizationContext;
    private readonly ActivationServices _services;
    private readonly List<IActivationFacet> _facets = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private List<GrainTimer>? _timers;
    private Func<Task>? _pendingSystemWork;
    private bool _systemWorkRunning;
    private int _running;
    private int _runningWriters;
    private bool _busy;
    private bool _deactivateWhenIdle;
    private object? _instance;
    private DeactivationReason _deactivationReason;
    private DateTimeOffset _lastActivity;

    public ActivationData(GrainId grainId, GrainClassInfo classInfo, ActivationServices services)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        _services = services;
        _synchronizationContext = new ActivationSynchronizationContext(this);
        _lastActivity = services.TimeProvider.GetUtcNow();
        State = ActivationState.Activating;
        _pendingSystemWork = ActivateAsync;
    }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    public ActivationState State { get; private set; }

    public IGrainFactory GrainFactory => _services.GrainFactory;

    public IServiceProvider Services => _services.ServiceProvider;

    /// <summary>The grain instance, once constructed.</summary>
    public object? Instance => _instance;

    /// <summary>Completes when the activation has left the catalog.</summary>
    public Task Deactivated => _deactivated.Task;

    /// <summary>Starts activation. Called once, after the activation is in the catalog.</summary>
    public void Start()
    {
        lock (_lock)
        {
            ScheduleIfNeededLocked();
        }
    }

    /// <summary>Queues a work item. False when the activation is gone: the caller picks a new one.</summary>
    public bool Enqueue(ActivationWorkItem item)
    {
        lock (_lock)
        {
            if (State == ActivationState.Invalid)
            {
                return false;
            }

            _waiting.Enqueue(item);
            ScheduleIfNeededLocked();
            return true;
        }
    }

    /// <summary>
    /// Runs a request on the caller's thread when the activation is idle: no thread-pool hop and
    /// no queue entry, which is most of the cost of a local call. Returns false when the request
    /// must queue instead (busy, not yet active, too deep).
    /// </summary>
    public bool TryRunInline(Invocation.Request request, out Task task)
    {
        task = null!;
        if (_inlineDepth >= _services.Options.MaxInlineDepth)
        {
            return false;
        }

        lock (_lock)
        {
            if (_busy || _continuations.Count > 0 || _waiting.Count > 0 || _pendingSystemWork is not null || !CanAdmitLocked(request.IsReadOnly, request.IsAlwaysInterleave))
            {
                return false;
            }

            _busy = true;
            AdmitLocked(request.IsReadOnly, keepsAlive: true);
        }

        var previousContext = SynchronizationContext.Current;
        var previousRequestContext = RequestContext.Snapshot;
        _inlineDepth++;
        try
        {
            SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
            RequestContext.Restore(request.Context);
            try
            {
                task = request.Invoke(_instance!);
            }
            catch (Exception ex)
            {
                task = request.FromException(ex);
            }
        }
        finally
        {
            _inlineDepth--;
            RequestContext.Restore(previousRequestContext);
            SynchronizationContext.SetSynchronizationContext(previousContext);
        }

        if (task.IsCompleted)
        {
            ReleaseAfterTurn(request.IsReadOnly, keepsAlive: true, countedAsRunning: true);
        }
        else
        {
            ReleaseAfterTurn(request.IsReadOnly, keepsAlive: true, countedAsRunning: false);
            var completion = new InlineCompletion(request.IsReadOnly) { Owner = this };
            task.ContinueWith(static (t, s) => ((InlineCompletion)s!).Owner!.OnItemCompleted((InlineCompletion)s!, t), completion, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return true;
    }

    /// <summary>Queues a continuation of grain code (from the synchronization context).</summary>
    public void PostContinuation(SendOrPostCallback callback, object? state)
    {
        lock (_lock)
        {
            _continuations.Enqueue((callback, state));
            ScheduleIfNeededLocked();
        }
    }

    /// <summary>Asks the activation to deactivate once running work completes.</summary>
    public void StartDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (State is not ActivationState.Valid)
            {
                // An activation still activating deactivates right after (it is never left half-built).
                if (State == ActivationState.Activating)
                {
                    _deactivateWhenIdle = true;
                    _deactivationReason = reason;
                }

                return;
            }

            State = ActivationState.Deactivating;
            _deactivationReason = reason;
            _pendingSystemWork = DeactivateAsync;
            ScheduleIfNeededLocked();
        }
    }

    /// <summary>True when nothing has happened here for <paramref name="age"/> and nothing is running or waiting.</summary>
    public bool IsIdleFor(TimeSpan age, DateTimeOffset now)
    {
        lock (_lock)
        {
            return State == ActivationState.Valid && _running == 0 && _waiting.Count == 0 && !_busy && now - _lastActivity >= age;
        }
    }

    void IGrainContext.DeactivateOnIdle()
    {
        lock (_lock)
        {
            _deactivateWhenIdle = true;
            _deactivationReason = new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called.");
        }
    }

    IGrainTimer IGrainContext.RegisterTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new GrainTimer<TState>(this, _services.TimeProvider, callback, state, options, _services.Logger);
        lock (_lock)
        {
            if (State is ActivationState.Deactivating or ActivationState.Invalid)
            {
                throw new InvalidOperationException($"{GrainId} is deactivating; timers cannot be registered now.");
            }

            (_timers ??= []).Add(timer);
        }

        timer.Begin();
        return timer;
    }

    /// <summary>Forgets a disposed timer.</summary>
    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers?.Remove(timer);
        }
    }

    /// <summary>Queues a timer tick; false when the activation no longer runs work.</summary>
    public bool EnqueueTimerTick(ActivationWorkItem tick)
    {
        lock (_lock)
        {
            if (State is not ActivationState.Valid)
            {
                return false;
            }

            _waiting.Enqueue(tick);
            ScheduleIfNeededLocked();
            return true;
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            for (var turn = 0; turn < _services.Options.TurnsPerSlice; turn++)
            {
                (SendOrPostCallback Callback, object? State) continuation = default;
                ActivationWorkItem? item = null;
                Func<Task>? systemWork = null;
                lock (_lock)
                {
                    if (!_continuations.TryDequeue(out continuation))
                    {
                        if (_pendingSystemWork is not null && _running == 0 && !_systemWorkRunning)
                        {
                            systemWork = _pendingSystemWork;
                            _pendingSystemWork = null;
                            _systemWorkRunning = true;
                        }
                        else if (!TryTakeAdmissibleLocked(out item))
                        {
                            _busy = false;
                            return;
                        }
                    }
                }

                if (continuation.Callback is not null)
                {
                    RunContinuation(continuation.Callback, continuation.State);
                }
                else if (systemWork is not null)
                {
                    RunSystemWork(systemWork);
                }
                else
                {
                    RunItem(item!);
                }
            }

            // Slice used up: give the thread back and continue later, so one busy grain cannot starve others.
            lock (_lock)
            {
                _busy = false;
                ScheduleIfNeededLocked();
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    private void RunContinuation(SendOrPostCallback callback, object? state)
    {
        try
        {
            callback(state);
        }
        catch (Exception ex)
        {
            // Continuations of async methods capture their own exceptions; this is a bare Post that threw.
            LogContinuationFailed(_services.Logger, ex, GrainId);
        }
    }

    private void RunSystemWork(Func<Task> work)
    {
        Task task;
        try
        {
            task = work();
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }

        task.ContinueWith(
            static (_, s) => ((ActivationData)s!).OnSystemWorkCompleted(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void OnSystemWorkCompleted()
    {
        lock (_lock)
        {
            _systemWorkRunning = false;
            ScheduleIfNeededLocked();
        }
    }

    private void RunItem(ActivationWorkItem item)
    {
        Task task;
        try
        {
            task = item.Start(_instance!);
        }
        catch (Exception ex)
        {
            task = Task.FromException(ex);
        }

        if (task.IsCompleted)
        {
            OnItemCompleted(item, task);
        }
        else
        {
            item.Owner = this;
            task.ContinueWith(
                static (t, s) => ((ActivationWorkItem)s!).Owner!.OnItemCompleted((ActivationWorkItem)s!, t),
                item,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private void OnItemCompleted(ActivationWorkItem item, Task task)
    {
        ReleaseAfterTurn(item.IsReadOnly, item.KeepsAlive, countedAsRunning: true, releaseBusy: false);

        // Complete outside the lock and outside this activation's synchronization context, so the
        // caller's code never runs as if it were this grain.
        var previous = SynchronizationContext.Current;
        if (previous is not null)
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        try
        {
            item.Complete(task);
        }
        finally
        {
            if (previous is not null)
            {
                SynchronizationContext.SetSynchronizationContext(previous);
            }
        }
    }

    private void ReleaseAfterTurn(bool isReadOnly, bool keepsAlive, bool countedAsRunning, bool releaseBusy = true)
    {
        lock (_lock)
        {
            if (countedAsRunning)
            {
                _running--;
                if (!isReadOnly)
                {
                    _runningWriters--;
                }
            }

            if (keepsAlive)
            {
                _lastActivity = _services.TimeProvider.GetUtcNow();
            }

            if (releaseBusy)
            {
                _busy = false;
            }

            if (_running == 0 && _deactivateWhenIdle && State == ActivationState.Valid)
            {
                _deactivateWhenIdle = false;
                State = ActivationState.Deactivating;
                _pendingSystemWork = DeactivateAsync;
            }

            ScheduleIfNeededLocked();
        }
    }

    private bool CanAdmitLocked(bool isReadOnly, bool isAlwaysInterleave)
    {
        if (State != ActivationState.Valid || _systemWorkRunning || _pendingSystemWork is not null)
        {
            return false;
        }

        return _running == 0
            || ClassInfo.IsReentrant
            || isAlwaysInterleave
            || (isReadOnly && _runningWriters == 0);
    }

    private void AdmitLocked(bool isReadOnly, bool keepsAlive)
    {
        _running++;
        if (!isReadOnly)
        {
            _runningWriters++;
        }

        if (keepsAlive)
        {
            _lastActivity = _services.TimeProvider.GetUtcNow();
        }
    }

    private bool TryTakeAdmissibleLocked(out ActivationWorkItem? item)
    {
        item = null;
        if (_waiting.Count == 0)
        {
            return false;
        }

        // Requests start in arrival order; only always-interleave items may pass a blocked head.
        var head = _waiting.Peek();
        if (CanAdmitLocked(head.IsReadOnly, head.IsAlwaysInterleave))
        {
            item = _waiting.Dequeue();
        }
        else if (State == ActivationState.Valid && !_systemWorkRunning && _pendingSystemWork is null && _waiting.Any(w => w.IsAlwaysInterleave))
        {
            var count = _waiting.Count;
            for (var i = 0; i < count; i++)
            {
                var candidate = _waiting.Dequeue();
                if (item is null && candidate.IsAlwaysInterleave)
                {
                    item = candidate;
                }
                else
                {
                    _waiting.Enqueue(candidate);
                }
            }
        }

        if (item is null)
        {
            return false;
        }

        AdmitLocked(item.IsReadOnly, item.KeepsAlive);
        return true;
    }

    private bool HasRunnableWorkLocked()
    {
        if (_continuations.Count > 0)
        {
            return true;
        }

        if (_pendingSystemWork is not null)
        {
            return _running == 0 && !_systemWorkRunning;
        }

        if (_waiting.Count == 0)
        {
            return false;
        }

        var head = _waiting.Peek();
        return CanAdmitLocked(head.IsReadOnly, head.IsAlwaysInterleave)
            || (State == ActivationState.Valid && !_systemWorkRunning && _waiting.Any(w => w.IsAlwaysInterleave));
    }

    private void ScheduleIfNeededLocked()
    {
        if (!_busy && HasRunnableWorkLocked())
        {
            _busy = true;
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
        }
    }
}
