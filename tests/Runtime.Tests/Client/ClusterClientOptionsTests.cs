using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Tests.Client;

public sealed class ClusterClientOptionsTests
{
    [Fact]
    public void The_table_operation_timeout_defaults_to_the_silos_five_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new ClusterClientOptions().TableOperationTimeout);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.001")]
    [InlineData("01:00:01")]
    public void A_table_operation_timeout_out_of_range_is_rejected_by_name(string value)
    {
        var services = new ServiceCollection();
        services.AddClusterClient([], o => o.TableOperationTimeout = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ClusterClientOptions>>().Value);
        Assert.Contains(error.Failures, f => f.Contains(nameof(ClusterClientOptions.TableOperationTimeout), StringComparison.Ordinal));
    }
}
