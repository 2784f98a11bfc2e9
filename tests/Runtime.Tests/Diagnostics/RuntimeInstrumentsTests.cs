using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Runtime.Diagnostics;

namespace OrleansChat.Runtime.Tests.Diagnostics;

public sealed class RuntimeInstrumentsTests
{
    [Fact]
    public void Runtime_instruments_are_exported_under_their_documented_prometheus_names()
    {
        using var services = new ServiceCollection().AddLogging().AddOrleansChatMetrics().BuildServiceProvider();
        var instruments = services.GetRequiredService<RuntimeInstruments>();
        var collector = services.GetRequiredService<PrometheusCollector>();

        instruments.ActivationCreated("ChatRoomGrain");
        instruments.ActivationCreated("ChatRoomGrain");
        instruments.ActivationRemoved("ChatRoomGrain");
        instruments.GrainCallCompleted("ChatRoomGrain", "Post", CallOutcome.Success, TimeSpan.FromMilliseconds(3));
        instruments.GrainCallCompleted("ChatRoomGrain", "Post", CallOutcome.Timeout, TimeSpan.FromSeconds(30));
        instruments.MembershipChanged("active");
        instruments.DatabaseCommandCompleted("write_state", CallOutcome.Failure, TimeSpan.FromMilliseconds(12));

        var scrape = collector.Collect();

        ExpositionGrammar.AssertValid(scrape);
        Assert.Contains("# TYPE orleanschat_grain_activations gauge\norleanschat_grain_activations{grain_type=\"ChatRoomGrain\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE orleanschat_grain_calls_total counter\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_grain_calls_total{grain_method=\"Post\",grain_type=\"ChatRoomGrain\",outcome=\"success\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_grain_calls_total{grain_method=\"Post\",grain_type=\"ChatRoomGrain\",outcome=\"timeout\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE orleanschat_grain_call_duration_seconds histogram\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_grain_call_duration_seconds_bucket{grain_method=\"Post\",grain_type=\"ChatRoomGrain\",outcome=\"success\",le=\"0.005\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_grain_call_duration_seconds_bucket{grain_method=\"Post\",grain_type=\"ChatRoomGrain\",outcome=\"timeout\",le=\"30\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.Contains("# TYPE orleanschat_membership_changes_total counter\norleanschat_membership_changes_total{silo_status=\"active\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.Contains("orleanschat_db_command_duration_seconds_count{db_operation_name=\"write_state\",outcome=\"failure\"} 1\n", scrape, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_host_exports_only_the_instruments_of_its_own_meter_factory()
    {
        using var first = new ServiceCollection().AddLogging().AddOrleansChatMetrics().BuildServiceProvider();
        using var second = new ServiceCollection().AddLogging().AddOrleansChatMetrics().BuildServiceProvider();
        var grainType = $"Isolation{Guid.NewGuid():N}";
        var firstCollector = first.GetRequiredService<PrometheusCollector>();
        var secondCollector = second.GetRequiredService<PrometheusCollector>();
        second.GetRequiredService<RuntimeInstruments>().ActivationCreated("SecondHostGrain");

        first.GetRequiredService<RuntimeInstruments>().ActivationCreated(grainType);

        Assert.Contains(grainType, firstCollector.Collect(), StringComparison.Ordinal);
        var secondScrape = secondCollector.Collect();
        Assert.Contains("SecondHostGrain", secondScrape, StringComparison.Ordinal);
        Assert.DoesNotContain(grainType, secondScrape, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_metrics_twice_registers_one_collector_and_one_start_up_service()
    {
        var services = new ServiceCollection().AddLogging().AddOrleansChatMetrics().AddOrleansChatMetrics();

        Assert.Single(services, d => d.ServiceType == typeof(PrometheusCollector));
        Assert.Single(services, d => d.ImplementationType == typeof(MetricsStartup));
    }
}
