using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Serves a silo's view of its cluster for operators.</summary>
public static class ClusterEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c>: every silo this silo knows of, with status,
    /// address, generation, liveness, and its own activation count. Needs <c>AddGrainRuntime</c>
    /// and <c>AddSiloClustering</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapClusterView(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/cluster")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(pattern, Handle).WithDisplayName("Cluster view");
    }

    private static IResult Handle(IClusterMembership membership, SiloStatistics statistics) => Results.Json(new
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
