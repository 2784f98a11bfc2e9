using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Activation;

public sealed class PersistentGrainTests(PostgresFixture database) : IClassFixture<PostgresFixture>
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task State_is_read_before_OnActivateAsync_and_survives_deactivation()
    {
        await using var silo = await StartSiloAsync();
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IPersistentCounterGrain>(key);

        Assert.Equal(0, await grain.CountSeenOnActivate());
        await grain.Increment("a");
        await grain.Increment("a");
        await grain.Leave();
        await Wait.Until(() => !silo.Catalog.TryGet(new GrainId("persistentcounter", key), out _), "the grain deactivated");

        Assert.Equal(2, await grain.CountSeenOnActivate());
        Assert.Equal(3, await grain.Increment("a"));
    }

    [Fact]
    public async Task A_duplicate_activation_cannot_overwrite_a_newer_write()
    {
        // Two silos that both believe they own the grain (a split view): only one write per version can win.
        await using var first = await StartSiloAsync();
        await using var second = await StartSiloAsync();
        var key = NewKey();
        var a = first.GrainFactory.GetGrain<IPersistentCounterGrain>(key);
        var b = second.GrainFactory.GetGrain<IPersistentCounterGrain>(key);
        await a.CountSeenOnActivate();
        await b.CountSeenOnActivate();

        Assert.Equal(1, await a.Increment("first"));
        await Assert.ThrowsAsync<InconsistentStateException>(() => b.Increment("second"));

        // The loser did not fork the state: storage holds the winner's write, which a fresh activation sees.
        await using var third = await StartSiloAsync();
        var fresh = await third.GrainFactory.GetGrain<IPersistentCounterGrain>(key).Read();
        Assert.Equal(1, fresh.Count);
        Assert.Equal("first", fresh.LastWriter);
    }

    [Fact]
    public async Task Corrupt_stored_state_fails_only_that_grains_activation_with_an_error_naming_it()
    {
        await using var silo = await StartSiloAsync();
        var broken = NewKey();
        var healthy = NewKey();
        await silo.GrainFactory.GetGrain<IPersistentCounterGrain>(broken).Increment("a");
        await silo.GrainFactory.GetGrain<IPersistentCounterGrain>(healthy).Increment("a");
        await silo.GrainFactory.GetGrain<IPersistentCounterGrain>(broken).Leave();
        await Wait.Until(() => !silo.Catalog.TryGet(new GrainId("persistentcounter", broken), out _), "the grain deactivated");

        await using (var data = NpgsqlDataSource.Create(database.ConnectionString))
        await using (var command = data.CreateCommand("UPDATE grain_state SET payload = '\\xdeadbeef'::bytea WHERE grain_key = $1"))
        {
            command.Parameters.AddWithValue(broken);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => silo.GrainFactory.GetGrain<IPersistentCounterGrain>(broken).Read());
        Assert.Contains(broken, error.Message, StringComparison.Ordinal);
        Assert.IsType<GrainStateCorruptException>(error.InnerException);
        Assert.Equal(2, await silo.GrainFactory.GetGrain<IPersistentCounterGrain>(healthy).Increment("a"));
    }

    private Task<TestSilo> StartSiloAsync() => TestSilo.StartAsync(services: services =>
    {
        services.AddOrleansChatPostgres(database.ConnectionString);
        services.AddPostgreSqlGrainStorageAsDefault(o => o.ServiceId = "tests");
    });
}
