using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Scheduling;

namespace OrleansChat.Runtime.Activation;

/// <summary>
/// The activations living in this silo, at most one per grain id. A call to a grain with no
/// activation creates one; a finished activation is removed, and the next call makes a new one.
/// </summary>
internal sealed partial class Catalog(GrainClassRegistry registry, ActivationServices services, ILogger<Catalog> logger, Diagnostics.RuntimeInstruments? instruments = null)
{
    // Bounds the retry loop when a call races with deactivations; each retry means an activation was removed.
    private const int MaxDispatchAttempts = 100;

    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();

    /// <summary>Number of live activations.</summary>
    public int Count => _activations.Count;

    /// <summary>A snapshot of the live activations.</summary>
    public IReadOnlyCollection<ActivationData> Activations => [.. _activations.Values];

    public bool TryGet(GrainId grainId, out ActivationData? activation) => _activations.TryGetValue(grainId, out activation);

    /// <summary>The live activation of <paramref name="grainId"/>, creating it if there is none.</summary>
    public ActivationData GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var classInfo = registry.FindClass(grainId.Type)
            ?? throw new UnknownGrainTypeException($"Unknown grain type '{grainId.Type}' (grain {grainId}).");
        var created = new ActivationData(grainId, classInfo, services);
        var winner = _activations.GetOrAdd(grainId, created);
        if (ReferenceEquals(winner, created))
        {
            instruments?.ActivationCreated(grainId.Type);
            created.Start();
        }

        return winner;
    }

    /// <summary>Queues <paramref name="item"/> on the grain's activation, creating or replacing it as needed.</summary>
    public void Dispatch(GrainId grainId, ActivationWorkItem item)
    {
        for (var attempt = 0; attempt < MaxDispatchAttempts; attempt++)
        {
            ActivationData activation;
            try
            {
                activation = GetOrCreate(grainId);
            }
            catch (Exception ex)
            {
                item.Reject(ex);
                return;
            }

            if (activation.Enqueue(item))
            {
                return;
            }

            // The activation left between lookup and enqueue; drop the stale entry if it is still there.
            Remove(activation);
        }

        item.Reject(new InvalidOperationException($"Could not find a live activation for {grainId} after {MaxDispatchAttempts} attempts."));
    }

    /// <summary>Removes an activation that finished (only that one: a newer activation of the same grain stays).</summary>
    public void Remove(ActivationData activation)
    {
        if (_activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation)))
        {
            instruments?.ActivationRemoved(activation.GrainId.Type);
        }
    }

    /// <summary>Deactivates every activation and waits for them, up to the token.</summary>
    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var activations = Activations;
        LogDeactivatingAll(logger, activations.Count, reason.ReasonCode);
        foreach (var activation in activations)
        {
            activation.StartDeactivation(reason);
        }

        await Task.WhenAll(activations.Select(a => a.Deactivated)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Deactivating {Count} activations ({Reason})")]
    private static partial void LogDeactivatingAll(ILogger logger, int count, DeactivationReasonCode reason);
}
