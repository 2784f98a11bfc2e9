using System.Globalization;
using System.Text.RegularExpressions;
using OrleansChat.MultiHost.Tests.Network;

namespace OrleansChat.MultiHost.Tests.Nodes;

/// <summary>A real silo process (src/Silo's build output) on its own machine, advertising that machine's address.</summary>
internal sealed partial class SiloNode : IDisposable
{
    public const int SiloPort = 46111;
    public const int ProbePort = 46112;
    public const int HttpPort = 46080;

    private readonly HttpClient _http;

    private SiloNode(NodeProcess process)
    {
        Process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://{process.Host.Address}:{HttpPort}"), Timeout = TimeSpan.FromSeconds(3) };
    }

    public NodeProcess Process { get; }

    public NetworkHost Host => Process.Host;

    public string Name => Process.Name;

    /// <summary>Starts the silo; <see cref="WaitUntilReadyAsync"/> waits for it to be Active.</summary>
    public static SiloNode Start(string name, NetworkHost host, string connectionString, string clusterId)
    {
        var dll = BuildOutput.Dll("Silo", "OrleansChat.Silo.dll");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Cluster__ClusterId"] = clusterId,
            ["Cluster__ServiceId"] = clusterId,
            ["Silo__Name"] = name,
            ["Silo__Port"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Silo__ProbePort"] = ProbePort.ToString(CultureInfo.InvariantCulture),
            ["Silo__AdvertisedAddress"] = host.Address.ToString(),
            ["ASPNETCORE_URLS"] = $"http://{host.Address}:{HttpPort}",
            // The timings of the runtime's process tests: a silo that stops answering is Dead within a few seconds.
            ["Membership__ProbeTimeout"] = "00:00:00.500",
            ["Membership__TableRefreshTimeout"] = "00:00:00.500",
            ["Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__OrleansChat.Runtime.Membership"] = "Information",
            ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        return new SiloNode(NodeProcess.Start(name, host, BuildOutput.DotnetHost, [dll], environment, Path.GetDirectoryName(dll)!));
    }

    public Task WaitUntilReadyAsync() =>
        Wait.Until(() => HttpProbe.IsReadyAsync(_http, Process), $"silo {Name} at {Host.Address} answers /readyz", TimeSpan.FromSeconds(60));

    /// <summary>Room activations this silo hosts, from its Prometheus metrics.</summary>
    public async Task<int> RoomActivationsAsync()
    {
        var metrics = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var match = RoomActivations().Match(metrics);
        return match.Success ? (int)double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture) : 0;
    }

    public void Dispose()
    {
        Process.Dispose();
        _http.Dispose();
    }

    [GeneratedRegex("^orleanschat_grain_activations\\{grain_type=\"room\"\\} (?<value>[0-9.eE+]+)", RegexOptions.Multiline)]
    private static partial Regex RoomActivations();
}
