using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Tests.Infrastructure;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Gateway.Tests.Hosting;

/// <summary>A gateway in client mode (the default) reads the <c>Grains:*</c> settings docs/configuration.md lists for it.</summary>
public sealed class ClientModeOptionsTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_client_mode_gateway_applies_the_configured_grain_response_timeout()
    {
        await using var gateway = await GatewayHost.StartAsync(
            await postgres.CreateDatabaseAsync(),
            s => s.Configuration["Grains:ResponseTimeout"] = "00:00:07");

        Assert.NotNull(gateway.Services.GetService<IClusterClientStatus>());
        Assert.Equal(TimeSpan.FromSeconds(7), gateway.Services.GetRequiredService<IOptions<GrainRuntimeOptions>>().Value.ResponseTimeout);
    }

    [Fact]
    public async Task A_client_mode_gateway_applies_the_configured_table_operation_timeout()
    {
        await using var gateway = await GatewayHost.StartAsync(
            await postgres.CreateDatabaseAsync(),
            s => s.Configuration["Gateway:Cluster:TableOperationTimeout"] = "00:00:03");

        Assert.Equal(TimeSpan.FromSeconds(3), gateway.Services.GetRequiredService<IOptions<ClusterClientOptions>>().Value.TableOperationTimeout);
    }
}
