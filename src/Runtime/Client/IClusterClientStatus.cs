namespace OrleansChat.Runtime.Client;

/// <summary>Whether a cluster client can reach the cluster (for readiness endpoints).</summary>
public interface IClusterClientStatus
{
    /// <summary>Active silos in the last view read.</summary>
    int ActiveSilos { get; }

    /// <summary>True when the last membership read succeeded and at least one silo is active.</summary>
    bool IsConnected { get; }

    /// <summary>Completes when the client sees at least <paramref name="silos"/> active silos.</summary>
    Task WaitForActiveSilosAsync(int silos, CancellationToken cancellationToken = default);
}
