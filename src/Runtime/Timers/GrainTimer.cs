using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Scheduling;

namespace OrleansChat.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is a work item on the activation, admitted like a request (so it does
/// not interleave unless asked), and the next tick is scheduled only after the previous one
/// finished: ticks never overlap. Disposed with the activation.
/// </summary>
internal abstract partial class GrainTimer : ActivationWorkItem, IGrainTimer
{
    private readonly object _lock = new();
    private readonly ActivationData _activation;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposed = new();
    private ITimer? _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private bool _tickRunning;

    protected GrainTimer(ActivationData activation, TimeProvider timeProvider, GrainTimerCreationOptions options, ILogger logger)
    {
        ValidatePeriod(options.DueTime, nameof(options.DueTime));
        ValidatePeriod(options.Period, nameof(options.Period));
        _activation = activation;
        _timeProvider = timeProvider;
        _logger = logger;
        _dueTime = options.DueTime;
        _period = options.Period;
        IsAlwaysInterleave = options.Interleave;
        KeepsAlive = options.KeepAlive;
    }

    public override bool IsReadOnly => false;

    public override bool IsAlwaysInterleave { get; }

    public override bool KeepsAlive { get; }

    public override bool CanForward => false;

    protected CancellationToken DisposedToken => _disposed.Token;

    public void Begin()
    {
        lock (_lock)
        {
            _timer = _timeProvider.CreateTimer(static s => ((GrainTimer)s!).OnTimerFired(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Arm(_dueTime);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidatePeriod(dueTime, nameof(dueTime));
        ValidatePeriod(period, nameof(period));
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
            _dueTime = dueTime;
            _period = period;

            // A running tick re-arms itself on completion with the new period.
            if (!_tickRunning)
            {
                Arm(dueTime);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            _disposed.Cancel();
            _timer?.Dispose();
        }

        _activation.RemoveTimer(this);
    }

    public override void Complete(Task completed)
    {
        if (completed.IsFaulted)
        {
            LogTickFailed(_logger, completed.Exception!.InnerException ?? completed.Exception, _activation.GrainId);
        }

        lock (_lock)
        {
            _tickRunning = false;
            if (!_disposed.IsCancellationRequested)
            {
                Arm(_period);
            }
        }
    }

    public override void Reject(Exception reason)
    {
        lock (_lock)
        {
            _tickRunning = false;
        }
    }

    private void OnTimerFired()
    {
        lock (_lock)
        {
            if (_disposed.IsCancellationRequested || _tickRunning)
            {
                return;
            }

            _tickRunning = true;
        }

        if (!_activation.EnqueueTimerTick(this))
        {
            lock (_lock)
            {
                _tickRunning = false;
            }
        }
    }

    private void Arm(TimeSpan dueTime) => _timer?.Change(dueTime, Timeout.InfiniteTimeSpan);

    private static void ValidatePeriod(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A timer tick of {GrainId} threw")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, GrainId grainId);
}

/// <summary>A grain timer with a typed callback state.</summary>
internal sealed class GrainTimer<TState>(
    ActivationData activation,
    TimeProvider timeProvider,
    Func<TState, CancellationToken, Task> callback,
    TState state,
    GrainTimerCreationOptions options,
    ILogger logger)
    : GrainTimer(activation, timeProvider, options, logger)
{
    public override Task Start(object grainInstance) => callback(state, DisposedToken);
}
