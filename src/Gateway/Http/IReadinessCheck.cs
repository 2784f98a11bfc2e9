namespace OrleansChat.Gateway.Http;

/// <summary>
/// One condition <c>/readyz</c> requires before a load balancer sends traffic to this replica
/// (database reachable, auth state loaded; the cluster client will add "connected to the
/// cluster"). Register implementations with <c>TryAddEnumerable</c>; each runs with a short timeout.
/// </summary>
public interface IReadinessCheck
{
    /// <summary>Short stable name shown in the <c>/readyz</c> body, e.g. <c>database</c>.</summary>
    string Name { get; }

    /// <summary>Checks readiness; returns a failure reason safe to publish (no secrets, no connection strings).</summary>
    Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}
