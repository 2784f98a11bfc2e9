using System.Globalization;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Tests.Infrastructure;

/// <summary>
/// The real system for the load tool to drive: a fresh PostgreSQL database, two silo processes and
/// the gateway process, each from its build output, on free loopback ports. Anti-abuse limits are
/// raised as benchmarks/chat.sh raises them (one address signs in every guest; senders post faster
/// than a person may); nothing else differs from how the servers ship.
/// </summary>
public sealed class ChatSystem : IAsyncLifetime
{
    private const int SiloCount = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgresDatabase _database = new();
    private readonly List<ServerProcess> _silos = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string _clusterId = "lt" + Guid.NewGuid().ToString("N")[..10];
    private ServerProcess? _gateway;

    public Uri GatewayUrl { get; private set; } = new("http://127.0.0.1:1");

    public string ConnectionString => _database.ConnectionString;

    /// <summary>The silos' cluster id, for a client that joins the cluster itself.</summary>
    public string ClusterId => _clusterId;

    /// <summary>Every message stored in this system's database.</summary>
    public Task<long> CountMessagesAsync() => _database.ScalarAsync("SELECT count(*) FROM chat_messages");

    /// <summary>PIDs of the silos, in start order.</summary>
    public IReadOnlyList<int> SiloPids => _silos.Select(s => s.Pid).ToArray();

    /// <summary>Whether silo <paramref name="index"/> has exited (been killed).</summary>
    public bool SiloExited(int index) => _silos[index].HasExited;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        for (var i = 0; i < SiloCount; i++)
        {
            var httpPort = FreePort.Next();
            var silo = ServerProcess.Start($"silo-{i}", "Silo", "OrleansChat.Silo.dll", Common(poolSize: 20, new Dictionary<string, string>
            {
                ["Silo__Name"] = $"silo-{i}",
                ["Silo__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
                ["Silo__AdvertisedAddress"] = "127.0.0.1",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
                ["Chat__RateLimit__PermitLimit"] = "1000000",
                ["Chat__RateLimit__Burst"] = "1000000",
                ["Chat__RateLimit__Window"] = "00:00:01",
            }));
            _silos.Add(silo);
            await silo.WaitUntilAnswersAsync(_http, $"http://127.0.0.1:{httpPort}/readyz", StartTimeout);
        }

        var gatewayPort = FreePort.Next();
        GatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
        _gateway = ServerProcess.Start("gateway", "Gateway", "OrleansChat.Gateway.dll", Common(poolSize: 10, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = GatewayUrl.ToString().TrimEnd('/'),
            ["Gateway__Auth__SigningSecret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)),
            ["Gateway__Auth__Throttle__MaxSignupsPerAddress"] = "100000",
            ["Gateway__Hub__ConnectionPermitsPerSecond"] = "100000",
            ["Gateway__Hub__ConnectionBurst"] = "100000",
            ["Gateway__Hub__UserPermitsPerSecond"] = "100000",
            ["Gateway__Hub__UserBurst"] = "100000",
        }));

        // Ready means signed keys, database and a cluster with silos: what a load run needs.
        await _gateway.WaitUntilAnswersAsync(_http, new Uri(GatewayUrl, "/readyz").ToString(), StartTimeout);
    }

    /// <summary>A run context whose target is this system's gateway, as <c>loadtest --target gateway</c> builds it.</summary>
    internal RunContext Context(string scenario, SilentReporter reporter, int users = 0, int sendRetries = 0, bool keepLedger = false) => new(
        scenario,
        new GatewayTarget(new GatewayTargetOptions { BaseUrl = GatewayUrl }, Guid.NewGuid().ToString("N")[..6]),
        new WorkloadOptions
        {
            Client = new HubClientOptions { HubUrl = new Uri(GatewayUrl, "/hubs/chat") },
            Users = users,
            DrainTimeout = TimeSpan.FromSeconds(40),
            SendRetries = sendRetries,
            KeepLedger = keepLedger,
        },
        reporter,
        SloPolicy.None,
        new Dictionary<string, string>());

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _http.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>
    /// Settings every server gets. Npgsql pools up to 100 connections per process and PostgreSQL
    /// admits 100 in all, shared with the other test classes: each server's pool is kept small.
    /// </summary>
    private Dictionary<string, string> Common(int poolSize, Dictionary<string, string> environment)
    {
        environment["ConnectionStrings__Postgres"] = _database.ConnectionString + ";Maximum Pool Size=" + poolSize.ToString(CultureInfo.InvariantCulture);
        environment["Cluster__ClusterId"] = _clusterId;
        environment["Cluster__ServiceId"] = _clusterId;
        environment["Logging__LogLevel__Default"] = "Warning";
        return environment;
    }
}
