using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Tests.Reporting;

public sealed class SloPolicyTests
{
    [Fact]
    public void Without_objectives_every_run_passes_with_exit_code_0()
    {
        var verdict = SloPolicy.None.Evaluate(measuredP99Ms: 10_000, latencyCount: 5, measuredErrorRate: 0.5);

        Assert.False(verdict.Violated);
        Assert.Empty(verdict.Reasons);
        Assert.Equal(ExitCodes.Ok, SloPolicy.ExitCodeFor(verdict));
    }

    [Fact]
    public void A_p99_above_the_limit_violates_the_objective_with_exit_code_3()
    {
        var verdict = new SloPolicy(100, null).Evaluate(100.5, 1000, 0);

        Assert.True(verdict.Violated);
        Assert.Equal(["p99 100.5 ms > 100 ms"], verdict.Reasons);
        Assert.Equal(ExitCodes.SloViolated, SloPolicy.ExitCodeFor(verdict));
    }

    [Fact]
    public void A_p99_exactly_at_the_limit_meets_it() =>
        Assert.False(new SloPolicy(100, null).Evaluate(100, 1000, 0).Violated);

    [Fact]
    public void An_error_rate_above_the_limit_violates_the_objective()
    {
        var verdict = new SloPolicy(null, 0.001).Evaluate(1, 1000, 0.0011);

        Assert.True(verdict.Violated);
        Assert.Single(verdict.Reasons);
        Assert.False(new SloPolicy(null, 0.001).Evaluate(1, 1000, 0.001).Violated);
    }

    [Fact]
    public void Both_objectives_violated_give_both_reasons() =>
        Assert.Equal(2, new SloPolicy(5, 0).Evaluate(6, 10, 0.1).Reasons.Count);

    [Fact]
    public void A_latency_objective_cannot_be_met_when_nothing_was_measured()
    {
        var verdict = new SloPolicy(100, null).Evaluate(0, latencyCount: 0, measuredErrorRate: 0);

        Assert.True(verdict.Violated);
        Assert.Contains("no latency was measured", verdict.Reasons[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1.0, null)]
    [InlineData(null, -0.1)]
    [InlineData(null, 1.5)]
    public void Nonsensical_limits_are_refused(double? p99, double? errorRate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SloPolicy(p99, errorRate).Validate());

    [Fact]
    public void The_error_rate_is_failed_operations_over_sends_deliveries_and_connection_attempts()
    {
        var metrics = new RunMetrics();
        for (var i = 0; i < 96; i++)
        {
            metrics.SendAttempted();
        }

        metrics.SendFailed("rate_limited");
        for (var i = 0; i < 4; i++)
        {
            metrics.ConnectAttempted();
        }

        metrics.ConnectFailed("connect.refused");
        var delivery = new DeliveryCheck(ExpectedDeliveries: 900, Delivered: 897, Missing: 2, Duplicates: 1, OutOfOrder: 0, CaughtUp: 0, Unstamped: 0, ExactlyOnceInOrder: false);

        // (1 send + 1 connect + 2 missing + 1 duplicate) / (96 + 4 + 900)
        Assert.Equal(5.0 / 1000, ErrorRate.Compute(metrics.Snapshot(), delivery), 12);
    }
}
