using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Placement;

namespace OrleansChat.Runtime.Hosting;

/// <summary>
/// Connects membership to placement and orders a graceful stop. Start: follow the membership view;
/// grains whose owner changed deactivate (their next call activates them on the new owner). Stop
/// (in the Stopping phase, before any service stops): refuse new calls so callers re-route,
/// announce ShuttingDown, deactivate every grain so state is persisted, then let membership mark
/// this silo Dead and the transport drain.
/// </summary>
internal sealed partial class SiloClusterLifetime(
    IClusterMembership membership,
    PlacementDirector placement,
    SiloOwnership ownership,
    Catalog catalog,
    SiloClusteringOptions options,
    TimeProvider timeProvider,
    ILogger<SiloClusterLifetime> logger,
    Diagnostics.RuntimeInstruments? instruments = null) : IHostedLifecycleService
{
    private MembershipView _previous = MembershipView.Empty;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        ownership.Self = membership.LocalAddress;
        membership.ViewChanged += OnViewChanged;
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        OnViewChanged(membership.CurrentView);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        LogLeaving(logger, membership.LocalAddress, catalog.Count);
        ownership.MarkLeaving();
        if (membership is MembershipService service)
        {
            try
            {
                await service.MarkShuttingDownAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogMarkFailed(logger, ex);
            }
        }

        // Deactivate (persisting) while peers learn of the stop; both must finish before connections close.
        var drain = Task.Delay(options.DrainDelay, timeProvider, cancellationToken);
        await catalog.DeactivateAllAsync(new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is leaving the cluster."), cancellationToken);
        await drain;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        membership.ViewChanged -= OnViewChanged;
        return Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void OnViewChanged(MembershipView view)
    {
        foreach (var member in view.Members)
        {
            if (_previous.GetStatus(member.Address) != member.Status)
            {
                instruments?.MembershipChanged(member.Status.ToString().ToLowerInvariant());
            }
        }

        _previous = view;
        placement.Update(new PlacementView(view.Version, view.ActiveSilos));
        var moved = 0;
        foreach (var activation in catalog.Activations)
        {
            if (!ownership.IsLocal(activation.GrainId))
            {
                activation.StartDeactivation(new DeactivationReason(DeactivationReasonCode.OwnershipChanged, "The grain's owner changed in the new membership view."));
                moved++;
            }
        }

        LogViewApplied(logger, view.Version, view.ActiveSilos.Length, moved);
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Membership view {Version}: {Active} active silos; {Moved} activations moving away")]
    private static partial void LogViewApplied(ILogger logger, long version, int active, int moved);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Silo {Silo} leaving the cluster; deactivating {Count} activations")]
    private static partial void LogLeaving(ILogger logger, SiloAddress silo, int count);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Warning, Message = "Could not mark this silo ShuttingDown; peers will learn of the stop from its Dead row")]
    private static partial void LogMarkFailed(ILogger logger, Exception exception);
}
