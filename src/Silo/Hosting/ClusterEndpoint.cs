using OrleansChat.Runtime.Membership;

namespace OrleansChat.Silo.Hosting;

/// <summary>GET /cluster: every silo this silo knows of, with status, address, generation, liveness, and its own activation count.</summary>
internal static class ClusterEndpoint
{
    public static IResult Handle(IClusterMembership membership, Runtime.Hosting.SiloStatistics statistics) => Results.Json(new
    {
        self = membership.LocalAddress.ToString(),
        version = membership.CurrentView.Version,
        activations = statistics.ActivationCount,
        silos = membership.CurrentView.Members.Select(m => new
        {
            name = m.SiloName,
            address = m.Address.ToString(),
            host = m.Address.Host,
            port = m.Address.Port,
            generation = m.Address.Generation,
            status = m.Status.ToString(),
            startTime = m.StartTime,
            iAmAliveTime = m.IAmAliveTime,
        }),
    });
}
