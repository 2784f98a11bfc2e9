using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Tests.Infrastructure;
using OrleansChat.Runtime.Client;

namespace OrleansChat.Gateway.Tests.Hosting;

/// <summary>
/// <c>Gateway:Cluster:Mode=CoHosted</c>: one process is gateway and silo (what <c>./run.sh --single</c>
/// starts). A real Kestrel port, a real PostgreSQL database, no other silo.
/// </summary>
public sealed class CoHostedModeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_co_hosted_gateway_serves_signup_rooms_rest_posts_and_hub_delivery_alone()
    {
        await using var gateway = await StartCoHostedAsync(await postgres.CreateDatabaseAsync());

        using var alice = await ChatUser.SignUpAsync(gateway, "alice");
        using var bob = await ChatUser.SignUpAsync(gateway, "bob");
        var room = await alice.CreateRoomAsync();
        await bob.JoinAsync(room.RoomId);
        await using var bobHub = await bob.ConnectAsync();
        await bobHub.SubscribeAsync(room.ConversationId, null);

        var posted = await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "hello from one process");
        var received = await bobHub.WaitForPostedAsync(room.ConversationId, m => m.Seq == posted.Message.Seq, "bob receives the message over the hub");

        Assert.Equal("hello from one process", received.Text);
        Assert.Equal(alice.UserId, received.SenderId);

        // No cluster client: the grains run in this process.
        Assert.Null(gateway.Services.GetService<IClusterClientStatus>());
    }

    [Fact]
    public async Task A_co_hosted_gateway_answers_health_readiness_cluster_and_metrics_once_each()
    {
        var siloPort = FreePort.Next();
        await using var gateway = await StartCoHostedAsync(await postgres.CreateDatabaseAsync(), siloPort);

        using var health = await gateway.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await Wait.Until(async () => (await gateway.Client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK, "the co-hosted gateway to become ready");
        using var ready = await gateway.Client.GetFromJsonAsync<JsonDocument>("/readyz");
        Assert.Equal("ready", ready!.RootElement.GetProperty("checks").GetProperty("silo").GetString());

        using var view = await gateway.Client.GetFromJsonAsync<JsonDocument>("/cluster");
        var silos = view!.RootElement.GetProperty("silos").EnumerateArray().ToArray();
        var self = Assert.Single(silos);
        Assert.Equal("Active", self.GetProperty("status").GetString());
        Assert.Equal(siloPort, self.GetProperty("port").GetInt32());
        Assert.Equal("single", self.GetProperty("name").GetString());

        // One exposition with the gateway's, the runtime's and the grains' meters.
        using var alice = await ChatUser.SignUpAsync(gateway, "alice");
        var room = await alice.CreateRoomAsync();
        await alice.PostOkAsync($"/api/rooms/{room.RoomId}/messages", "metered");
        var scrape = await PrometheusScrape.ReadAsync(gateway.Client);
        Assert.Equal(1, scrape.Sum("orleanschat_gateway_messages_posted_total", "transport=\"rest\"", "outcome=\"success\""));
        Assert.True(scrape.Sum("orleanschat_grain_activations") > 0, "the co-hosted silo's activations are exported");
        Assert.True(scrape.Sum("orleanschat_chat_messages_total") >= 1, "the chat grains' meter is exported");
    }

    [Theory]
    [InlineData("Silo")]
    [InlineData("1")]
    public async Task An_unknown_cluster_mode_stops_start_up_naming_the_setting(string mode)
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            GatewayHost.StartAsync(postgres.ConnectionString, s => s.Configuration["Gateway:Cluster:Mode"] = mode));

        Assert.Contains("Gateway:Cluster:Mode", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CoHosted", failure.Message, StringComparison.Ordinal);
    }

    private static Task<GatewayHost> StartCoHostedAsync(string connectionString, int? siloPort = null)
    {
        var port = (siloPort ?? FreePort.Next()).ToString(CultureInfo.InvariantCulture);
        return GatewayHost.StartAsync(connectionString, s =>
        {
            s.Configuration["Gateway:Cluster:Mode"] = "CoHosted";
            s.Configuration["Cluster:ClusterId"] = "single" + Guid.NewGuid().ToString("N")[..8];
            s.Configuration["Silo:Name"] = "single";
            s.Configuration["Silo:Port"] = port;
            s.Configuration["Silo:AdvertisedAddress"] = "127.0.0.1";
            s.Configuration["Gateway:Auth:Throttle:MaxSignupsPerAddress"] = "1000";
        });
    }
}
