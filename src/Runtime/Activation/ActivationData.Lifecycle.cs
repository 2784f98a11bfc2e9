using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Scheduling;
using OrleansChat.Runtime.Timers;

namespace OrleansChat.Runtime.Activation;

/// <summary>Activation and deactivation, each run as exclusive system work on the activation's turn.</summary>
internal sealed partial class ActivationData
{
    private async Task ActivateAsync()
    {
        var options = _services.Options;
        try
        {
            var plan = ClassInfo.ConstructorPlan ??= GrainConstructorPlan.Create(ClassInfo.GrainClass);
            _instance = plan.CreateInstance(this, _services.ServiceProvider, _facets);
            using var timeout = new CancellationTokenSource(options.ActivationTimeout, _services.TimeProvider);
            foreach (var facet in _facets)
            {
                await facet.OnActivateAsync(timeout.Token).WaitAsync(options.ActivationTimeout, _services.TimeProvider);
            }

            if (_instance is Grain grain)
            {
                await grain.OnActivateAsync(timeout.Token).WaitAsync(options.ActivationTimeout, _services.TimeProvider);
            }
        }
        catch (Exception ex)
        {
            LogActivationFailed(_services.Logger, ex, GrainId);
            var rejected = LeaveCatalog();
            DisposeTimers();
            var error = new GrainActivationException($"Activation of grain {GrainId} failed: {ex.Message}", ex);
            foreach (var item in rejected)
            {
                item.Reject(error);
            }

            _deactivated.TrySetResult();
            return;
        }

        lock (_lock)
        {
            State = ActivationState.Valid;
            _lastActivity = _services.TimeProvider.GetUtcNow();
            if (_deactivateWhenIdle && _running == 0 && _waiting.Count == 0)
            {
                _deactivateWhenIdle = false;
                State = ActivationState.Deactivating;
                _pendingSystemWork = DeactivateAsync;
            }
        }

        LogActivated(_services.Logger, GrainId);
    }

    private async Task DeactivateAsync()
    {
        var options = _services.Options;
        DisposeTimers();
        try
        {
            if (_instance is Grain grain)
            {
                using var timeout = new CancellationTokenSource(options.DeactivationTimeout, _services.TimeProvider);
                await grain.OnDeactivateAsync(_deactivationReason, timeout.Token).WaitAsync(options.DeactivationTimeout, _services.TimeProvider);
            }
        }
        catch (Exception ex)
        {
            // A failing OnDeactivateAsync must not keep the activation alive: it is removed regardless.
            LogDeactivationFailed(_services.Logger, ex, GrainId);
        }

        var waiting = LeaveCatalog();
        LogDeactivated(_services.Logger, GrainId, _deactivationReason.ReasonCode);

        // Requests that arrived while this activation was leaving run on the next one.
        var moved = _deactivationReason.ReasonCode is DeactivationReasonCode.OwnershipChanged or DeactivationReasonCode.ShuttingDown;
        foreach (var item in waiting)
        {
            if (moved && item.CanForward)
            {
                // This silo no longer owns the grain: the caller routes the call again.
                item.Reject(new GrainMovedException(GrainId));
            }
            else if (item.CanForward)
            {
                _services.Catalog.Dispatch(GrainId, item);
            }
            else
            {
                item.Reject(new InvalidOperationException($"{GrainId} was deactivated."));
            }
        }

        _deactivated.TrySetResult();
    }

    /// <summary>Marks the activation gone, takes the work still waiting, and removes it from the catalog.</summary>
    private List<ActivationWorkItem> LeaveCatalog()
    {
        List<ActivationWorkItem> waiting;
        lock (_lock)
        {
            State = ActivationState.Invalid;
            waiting = [.. _waiting];
            _waiting.Clear();
        }

        _services.Catalog.Remove(this);
        return waiting;
    }

    private void DisposeTimers()
    {
        GrainTimer[] timers;
        lock (_lock)
        {
            timers = _timers is null ? [] : [.. _timers];
            _timers = null;
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Activated {GrainId}")]
    private static partial void LogActivated(ILogger logger, GrainId grainId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Activation of {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Deactivated {GrainId} ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "OnDeactivateAsync of {GrainId} failed; the activation is removed anyway")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Error, Message = "A continuation posted to {GrainId} threw")]
    private static partial void LogContinuationFailed(ILogger logger, Exception exception, GrainId grainId);
}
