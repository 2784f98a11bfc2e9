namespace OrleansChat.Gateway.Cluster;

/// <summary>
/// This gateway process as the grains see it: the node id it reports presence under (a user is
/// online while any node reports a connection). New per process, so a restarted gateway never
/// inherits a dead one's presence leases; those simply expire.
/// </summary>
internal sealed class GatewayNode
{
    public string Id { get; } = "gw-" + Guid.NewGuid().ToString("N")[..20];
}
