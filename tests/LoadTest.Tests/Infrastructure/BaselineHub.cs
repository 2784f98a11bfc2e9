using OrleansChat.LoadTest.Baseline;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Tests.Infrastructure;

/// <summary>A baseline hub on 127.0.0.1:0 owned by one test, and run contexts aimed at it.</summary>
internal sealed class BaselineHub : IAsyncDisposable
{
    private BaselineHub(BaselineHubServer server) => Server = server;

    public BaselineHubServer Server { get; }

    public static async Task<BaselineHub> StartAsync(int history = 1000) =>
        new(await BaselineHubServer.StartAsync(0, history, CancellationToken.None));

    public RunContext Context(string scenario, SilentReporter reporter, SloPolicy? slo = null, int sendRetries = 0, bool keepLedger = false) => new(
        scenario,
        new BaselineTarget(Server.HubUrl, "t" + Guid.NewGuid().ToString("N")[..6]),
        new WorkloadOptions
        {
            Client = new HubClientOptions { HubUrl = Server.HubUrl },
            DrainTimeout = TimeSpan.FromSeconds(20),
            SendRetries = sendRetries,
            KeepLedger = keepLedger,
        },
        reporter,
        slo ?? SloPolicy.None,
        new Dictionary<string, string>());

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
