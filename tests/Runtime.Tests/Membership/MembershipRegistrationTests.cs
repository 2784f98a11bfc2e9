using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class MembershipRegistrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_host_joins_on_start_and_leaves_on_stop()
    {
        var clusterId = "host-" + Guid.NewGuid().ToString("N")[..8];
        using var host = BuildHost(options =>
        {
            options.ClusterId = clusterId;
            options.LocalSiloAddress = new SiloAddress("127.0.0.1", MembershipTestCluster.NewPort(), 0);
            options.ProbePort = 0;
        });

        await host.StartAsync();
        var membership = host.Services.GetRequiredService<IClusterMembership>();
        Assert.Equal<SiloAddress>([membership.LocalAddress], membership.CurrentView.ActiveSilos);
        await host.StopAsync();

        var view = await MembershipTableReader.ReadAsync(database.DataSource, clusterId);
        Assert.Equal(SiloStatus.Dead, view.GetStatus(membership.LocalAddress));
    }

    [Fact]
    public async Task A_host_with_invalid_membership_options_fails_to_start_with_the_reason()
    {
        using var host = BuildHost(_ => { });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ClusterId is required", error.Message, StringComparison.Ordinal);
    }

    private IHost BuildHost(Action<MembershipOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddPostgresMembership(database.ConnectionString, configure);
        return builder.Build();
    }
}
