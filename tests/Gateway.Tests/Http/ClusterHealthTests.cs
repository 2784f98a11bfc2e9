using System.Net;
using System.Text.Json;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Http;

[Collection(ChatClusterCollection.Name)]
public sealed class ClusterHealthTests(ChatCluster cluster)
{
    [Fact]
    public async Task Readyz_reports_ready_once_the_gateway_reaches_the_database_and_the_cluster()
    {
        using var ready = await cluster.Gateway.Client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ready", body.GetProperty("status").GetString());
        foreach (var check in new[] { "database", "auth", "cluster" })
        {
            Assert.Equal("ready", body.GetProperty("checks").GetProperty(check).GetString());
        }
    }
}
