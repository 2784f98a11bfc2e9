using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Activation;

/// <summary>
/// Idle collection: every <see cref="GrainRuntimeOptions.CollectionQuantum"/>, deactivates
/// activations that saw no request for <see cref="GrainRuntimeOptions.CollectionAge"/>. Driven by
/// the injected <see cref="TimeProvider"/>, so tests advance time instead of sleeping.
/// </summary>
internal sealed partial class ActivationCollector(
    Catalog catalog,
    IOptions<GrainRuntimeOptions> options,
    TimeProvider timeProvider,
    ILogger<ActivationCollector> logger) : IHostedService, IDisposable
{
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var quantum = options.Value.CollectionQuantum;
        _timer = timeProvider.CreateTimer(static s => ((ActivationCollector)s!).Collect(), this, quantum, quantum);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>One collection pass; returns how many activations were asked to deactivate.</summary>
    public int Collect()
    {
        var now = timeProvider.GetUtcNow();
        var age = options.Value.CollectionAge;
        var collected = 0;
        foreach (var activation in catalog.Activations)
        {
            if (activation.IsIdleFor(age, now))
            {
                activation.StartDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"No request for {age}."));
                collected++;
            }
        }

        if (collected > 0)
        {
            LogCollected(logger, collected);
        }

        return collected;
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Idle collection deactivating {Count} activations")]
    private static partial void LogCollected(ILogger logger, int count);
}
