using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Activation;

namespace OrleansChat.Runtime.Hosting;

/// <summary>On host stop, deactivates every activation (so grains can persist) within the deactivation timeout.</summary>
internal sealed partial class GrainRuntimeLifetime(Catalog catalog, IOptions<GrainRuntimeOptions> options, ILogger<GrainRuntimeLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DeactivationTimeout);
        try
        {
            await catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is stopping."), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            LogShutdownIncomplete(logger, catalog.Count);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Stopped with {Count} activations not yet deactivated")]
    private static partial void LogShutdownIncomplete(ILogger logger, int count);
}
