using OrleansChat.Gateway.Http;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Gateway.Cluster;

/// <summary>Co-hosted mode: ready while the silo in this process is Active in the cluster's membership and not stopping.</summary>
internal sealed class LocalSiloReadinessCheck(IClusterMembership membership, IHostApplicationLifetime lifetime) : IReadinessCheck
{
    public string Name => "silo";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(ReadinessResult.NotReady("the process is stopping"));
        }

        var status = membership.CurrentView.GetStatus(membership.LocalAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? ReadinessResult.Ready
            : ReadinessResult.NotReady($"the co-hosted silo is {status}, not Active"));
    }
}
