using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.Persistence;

public sealed class StoreTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Acknowledged_messages_are_classified_as_stored_once_missing_duplicated_or_under_another_seq()
    {
        // No unique constraint here, so that the check can be shown to catch a duplicate.
        await database.ExecuteAsync("""
            CREATE TABLE verify_messages (conversation_id text, seq bigint, sender_id text, client_message_id text);
            INSERT INTO verify_messages VALUES
              ('room:a', 1, 'u1', 'once'),
              ('room:a', 2, 'u1', 'twice'), ('room:a', 3, 'u1', 'twice'),
              ('room:a', 9, 'u2', 'moved'),
              ('room:b', 1, 'u3', 'other-sender');
            """);
        AckedMessage[] acked =
        [
            new("room:a", "u1", "once", 1),
            new("room:a", "u1", "twice", 2),
            new("room:a", "u1", "missing", 4),
            new("room:a", "u2", "moved", 5),
            new("room:b", "u9", "other-sender", 1),
            new("room:a", "u1", "once", 1),
        ];
        var query = new StoredMessageQuery(new MessageTableOptions { Table = "verify_messages" });

        var check = await new AckedMessageVerifier(database.ConnectionString, query).VerifyAsync(acked, CancellationToken.None);

        Assert.Equal(new StoreCheck(Checked: 5, StoredOnce: 1, Missing: 2, StoredMoreThanOnce: 1, SeqMismatch: 1), check);
    }

    [Fact]
    public async Task Without_sender_matching_a_message_is_found_by_conversation_and_client_message_id()
    {
        await database.ExecuteAsync("""
            CREATE TABLE verify_nosender (conv text, n bigint, author text, cmid text);
            INSERT INTO verify_nosender VALUES ('dm:x:y', 7, 'user/x', 'id-1');
            """);
        var options = new MessageTableOptions { Table = "verify_nosender", MatchSender = false }.WithColumns("conv,author,cmid,n");

        var check = await new AckedMessageVerifier(database.ConnectionString, new StoredMessageQuery(options))
            .VerifyAsync([new AckedMessage("dm:x:y", "x", "id-1", 7)], CancellationToken.None);

        Assert.Equal(1, check.StoredOnce);
    }

    [Theory]
    [InlineData("chat_messages; DROP TABLE x")]
    [InlineData("1table")]
    [InlineData("a.b.c d")]
    public void Table_names_that_are_not_plain_identifiers_are_refused(string table) =>
        Assert.Throws<ArgumentException>(() => new StoredMessageQuery(new MessageTableOptions { Table = table }));

    [Fact]
    public void Column_lists_must_name_four_columns() =>
        Assert.Throws<ArgumentException>(() => new MessageTableOptions().WithColumns("a,b,c"));

    [Fact]
    public async Task The_insert_baseline_persists_rows_batched_and_one_by_one_and_drops_its_scratch_table()
    {
        var baseline = new InsertBaseline(new InsertSettings(database.ConnectionString, Writers: 2, BatchRows: 50,
            BatchedDuration: TimeSpan.FromSeconds(0.3), SingleRowDuration: TimeSpan.FromSeconds(0.2), TextBytes: 100));

        var figures = await baseline.RunAsync(CancellationToken.None);

        Assert.True(figures.BatchedRows >= 2 * 50, $"only {figures.BatchedRows} batched rows");
        Assert.Equal(0, figures.BatchedRows % 50);
        Assert.True(figures.SingleRows > 0);
        Assert.True(figures.BatchedRowsPerSecond > 0 && figures.SingleRowsPerSecond > 0);
        Assert.Equal(0, await database.ScalarAsync($"SELECT count(*) FROM pg_tables WHERE tablename = '{baseline.Table}'"));
    }
}
