using OrleansChat.Gateway.Http;
using OrleansChat.Runtime.Client;

namespace OrleansChat.Gateway.Cluster;

/// <summary>Ready when the cluster client read the membership table recently and sees at least one active silo.</summary>
internal sealed class ClusterReadinessCheck(IClusterClientStatus status) : IReadinessCheck
{
    public string Name => "cluster";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(
        status.IsConnected
            ? ReadinessResult.Ready
            : ReadinessResult.NotReady("no active silo in the cluster's membership view"));
}
