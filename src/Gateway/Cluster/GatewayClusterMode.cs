namespace OrleansChat.Gateway.Cluster;

/// <summary>How the gateway reaches the chat grains (<c>Gateway:Cluster:Mode</c>).</summary>
internal enum GatewayClusterMode
{
    /// <summary>As a cluster client of separate silo processes (the deployed shape).</summary>
    Client,

    /// <summary>
    /// The gateway is itself a silo: it hosts the grain runtime and the chat grains, so grain calls
    /// stay in the process. One process runs the whole system (<c>./run.sh --single</c>); more
    /// silos may still join it.
    /// </summary>
    CoHosted,
}
