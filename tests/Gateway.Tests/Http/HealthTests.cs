using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Gateway.Http;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

public sealed class HealthTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Without_a_reachable_cluster_readyz_is_not_ready_naming_the_cluster_while_healthz_is_alive()
    {
        await using var gateway = await GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration["Cluster:ClusterId"] = "no-such-cluster");

        using var health = await gateway.Client.GetAsync("/healthz");
        using var ready = await gateway.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("alive", (await ReadAsync(health)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ReadAsync(ready);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Equal("ready", body.GetProperty("checks").GetProperty("database").GetString());
        Assert.Equal("ready", body.GetProperty("checks").GetProperty("auth").GetString());
        Assert.Equal("no active silo in the cluster's membership view", body.GetProperty("checks").GetProperty("cluster").GetString());
    }

    [Fact]
    public async Task A_failing_readiness_check_makes_readyz_answer_503_naming_it()
    {
        await using var gateway = await GatewayHost.StartAsync(postgres.ConnectionString, s => s.Services.Add(services =>
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, NotConnectedCheck>())));

        using var ready = await gateway.Client.GetAsync("/readyz");
        using var health = await gateway.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ReadAsync(ready);
        Assert.Equal("not_ready", body.GetProperty("status").GetString());
        Assert.Equal("no answer from the probe", body.GetProperty("checks").GetProperty("probe").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private sealed class NotConnectedCheck : IReadinessCheck
    {
        public string Name => "probe";

        public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) =>
            Task.FromResult(ReadinessResult.NotReady("no answer from the probe"));
    }
}
