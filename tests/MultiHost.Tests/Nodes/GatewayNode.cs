using System.Security.Cryptography;
using OrleansChat.MultiHost.Tests.Network;

namespace OrleansChat.MultiHost.Tests.Nodes;

/// <summary>A real gateway process (src/Gateway's build output) on its own machine; the test calls its REST API over the bridge.</summary>
internal sealed class GatewayNode : IDisposable
{
    public const int HttpPort = 46500;

    private readonly HttpClient _probe;

    private GatewayNode(NodeProcess process)
    {
        Process = process;
        BaseAddress = new Uri($"http://{process.Host.Address}:{HttpPort}");
        _probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
    }

    public NodeProcess Process { get; }

    public Uri BaseAddress { get; }

    public static async Task<GatewayNode> StartAsync(NetworkHost host, string connectionString, string clusterId)
    {
        var dll = BuildOutput.Dll("Gateway", "OrleansChat.Gateway.dll");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["ASPNETCORE_URLS"] = $"http://{host.Address}:{HttpPort}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // A fresh random key per run; never printed.
            ["Gateway__Auth__SigningSecret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        var gateway = new GatewayNode(NodeProcess.Start("gateway", host, BuildOutput.DotnetHost, [dll], environment, Path.GetDirectoryName(dll)!));
        try
        {
            await Wait.Until(() => HttpProbe.IsReadyAsync(gateway._probe, gateway.Process), $"the gateway at {host.Address} answers /readyz", TimeSpan.FromSeconds(60));
            return gateway;
        }
        catch
        {
            gateway.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        _probe.Dispose();
    }
}
