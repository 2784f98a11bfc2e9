using Npgsql;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Messages;

/// <summary>
/// Statements that run often are prepared on their connections (Max Auto Prepare). During a rolling
/// upgrade a newer silo's migration may add columns while older silos keep their prepared
/// statements; PostgreSQL refuses a prepared statement whose result columns changed ("cached plan
/// must not change result type"). The message log's statements name their result columns, so an
/// added column must not break them: checked here on one pooled connection whose statements are
/// known to be prepared before the table changes.
/// </summary>
public sealed class PreparedStatementUpgradeTests : IAsyncLifetime
{
    private readonly PostgresFixture _postgres = new();

    public Task InitializeAsync() => _postgres.InitializeAsync();

    public Task DisposeAsync() => _postgres.DisposeAsync();

    [Fact]
    public async Task Prepared_message_statements_keep_working_after_a_migration_adds_columns()
    {
        // One connection: every statement below runs, and is prepared, on the same server session.
        var oneConnection = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        await using var silo = await ChatSilo.StartAsync(oneConnection, configure: o => o.RateLimit.Burst = 100);
        var owner = await silo.NewUserAsync("owner");
        var room = silo.Room(await silo.NewRoomAsync(owner));
        As.User(owner);
        for (var i = 0; i < 8; i++)
        {
            await room.PostAsync(owner, $"before {i}");
            await room.GetHistory(new HistoryQuery(Limit: 5));
        }

        Assert.True(await PreparedCountAsync(silo, "%INSERT INTO chat_messages%") > 0, "the append statement was not prepared");
        Assert.True(await PreparedCountAsync(silo, "%FROM chat_messages WHERE conversation_id%") > 0, "the history read was not prepared");

        // What a newer version's migration might do while this silo keeps running.
        await silo.CountAsync("ALTER TABLE chat_messages ADD COLUMN upgrade_note text; ALTER TABLE chat_rooms ADD COLUMN upgrade_note text; SELECT 0");

        await room.PostAsync(owner, "after");
        var page = await room.GetHistory(new HistoryQuery(Limit: 3));
        Assert.Equal(["before 6", "before 7", "after"], page.Messages.Select(m => m.Text));
        Assert.Equal(9, page.Messages[^1].Seq);
    }

    private static Task<long> PreparedCountAsync(ChatSilo silo, string pattern) =>
        silo.CountAsync("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE $1", pattern);
}
