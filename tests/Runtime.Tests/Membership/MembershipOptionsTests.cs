using Microsoft.Extensions.Options;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class MembershipOptionsTests
{
    [Fact]
    public void Defaults_declare_a_crashed_silo_dead_everywhere_within_ten_seconds()
    {
        var o = new MembershipOptions();

        // Worst case: one extra round before the first miss, the second voter a round behind,
        // then one table refresh for everyone else to see it.
        var bound = o.ProbeTimeout * (o.NumMissedProbesLimit + 2) + o.TableRefreshTimeout;
        Assert.True(bound <= TimeSpan.FromSeconds(10), $"worst case {bound}");
        Assert.Equal(2, o.NumVotesForDeathDeclaration);
        Assert.Equal(TimeSpan.FromMinutes(2), o.DeathVoteExpiration);
    }

    [Fact]
    public void Missing_cluster_id_and_address_are_reported_by_name()
    {
        var error = Assert.Throws<OptionsValidationException>(() => MembershipOptionsValidator.ThrowIfInvalid(new MembershipOptions()));

        Assert.Contains(error.Failures, f => f.Contains("ClusterId is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("LocalSiloAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void Votes_that_expire_before_a_second_monitor_can_agree_are_rejected()
    {
        var options = new MembershipOptions
        {
            ClusterId = "c",
            LocalSiloAddress = new SiloAddress("127.0.0.1", 1, 0),
            ProbeTimeout = TimeSpan.FromSeconds(10),
            DeathVoteExpiration = TimeSpan.FromSeconds(30),
        };

        var error = Assert.Throws<OptionsValidationException>(() => MembershipOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains(error.Failures, f => f.Contains("DeathVoteExpiration", StringComparison.Ordinal));
    }

    [Fact]
    public void By_default_an_isolated_silo_stops_after_twenty_seconds_twice_the_death_declaration_bound()
    {
        var o = new MembershipOptions();

        Assert.Null(o.IsolationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), o.EffectiveIsolationTimeout);

        // Derived from the probe settings, so slower probes never make the default invalid.
        o.ProbeTimeout = TimeSpan.FromSeconds(5);
        Assert.Equal(TimeSpan.FromSeconds(100), o.EffectiveIsolationTimeout);
    }

    [Fact]
    public void An_isolation_timeout_shorter_than_the_peers_need_to_suspect_is_rejected()
    {
        var options = new MembershipOptions
        {
            ClusterId = "c",
            LocalSiloAddress = new SiloAddress("127.0.0.1", 1, 0),
            ProbeTimeout = TimeSpan.FromSeconds(1),
            IsolationTimeout = TimeSpan.FromSeconds(4),
        };

        var error = Assert.Throws<OptionsValidationException>(() => MembershipOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains(error.Failures, f => f.Contains("IsolationTimeout", StringComparison.Ordinal));

        options.IsolationTimeout = TimeSpan.FromSeconds(5);
        MembershipOptionsValidator.ThrowIfInvalid(options);
    }

    [Fact]
    public void A_cluster_id_longer_than_a_probe_can_carry_is_rejected()
    {
        var options = new MembershipOptions { ClusterId = new string('x', 256), LocalSiloAddress = new SiloAddress("127.0.0.1", 1, 0) };

        var error = Assert.Throws<OptionsValidationException>(() => MembershipOptionsValidator.ThrowIfInvalid(options));
        Assert.Contains(error.Failures, f => f.Contains("255 bytes", StringComparison.Ordinal));
    }
}
