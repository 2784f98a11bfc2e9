using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class MembershipConcurrencyTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Concurrent_voters_never_lose_a_vote_and_the_last_one_declares_death()
    {
        await using var cluster = new MembershipTestCluster(database.DataSource, output);
        const int voterCount = 6;
        // Every Active silo other than the suspect must vote: the count is capped by them.
        Action<MembershipOptions> configure = o => o.NumVotesForDeathDeclaration = 100;
        var voters = new List<MemberSilo>();
        for (var i = 0; i < voterCount; i++)
        {
            voters.Add(await cluster.StartAsync(configure: configure));
        }

        // The suspect answers probes; the votes below are cast directly, all at once.
        var suspect = await cluster.StartAsync(configure: configure);
        var before = await cluster.ReadVersionAsync();

        var written = await Task.WhenAll(voters.Select(v => Task.Run(() => v.Service.SuspectAsync(suspect.Address, CancellationToken.None)))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(written, Assert.True);
        var view = await MembershipTableReader.ReadAsync(database.DataSource, cluster.ClusterId);
        var row = view.Find(suspect.Address)!;
        Assert.Equal(voters.Select(v => v.Address).Order(), row.SuspectVotes.Select(v => v.Voter).Order());
        Assert.Equal(SiloStatus.Dead, row.Status);
        Assert.Equal(before + voterCount, view.Version);
        Assert.Equal(voters.Select(v => v.Address).Order(), view.ActiveSilos);
        await Wait.For(suspect.DeclaredDead, "the suspect to learn it was declared dead");
    }
}
