using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace OrleansChat.LoadTest.Persistence;

/// <summary>
/// The floor for the message log: raw multi-row INSERTs (one statement and one transaction per
/// batch, prepared, default durability) into a scratch table of the same shape as the domain's
/// <c>chat_messages</c> — keys, unique constraint and all — from several connections at once. Also
/// one row per transaction, the figure a design without group commit would be held to. The
/// scratch table is dropped afterwards.
/// </summary>
internal sealed class InsertBaseline(InsertSettings settings)
{
    private const int Columns = 8;

    public string Table { get; } = $"loadtest_insert_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];

    public async Task<Reporting.InsertFigures> RunAsync(CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Writers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchRows, 1);
        // PostgreSQL allows 65,535 parameters per statement.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(settings.BatchRows, 65_535 / Columns);
        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        await ExecuteAsync(dataSource, $$"""
            CREATE TABLE {{Table}} (
                conversation_id   text NOT NULL,
                seq               bigint NOT NULL CHECK (seq > 0),
                sender_id         text NOT NULL,
                client_message_id text NOT NULL,
                body              text NOT NULL,
                created_at        timestamptz NOT NULL,
                edited_at         timestamptz,
                deleted_at        timestamptz,
                deleted_by        text,
                reply_to_seq      bigint,
                mentions          text[] NOT NULL DEFAULT '{}',
                PRIMARY KEY (conversation_id, seq),
                UNIQUE (conversation_id, sender_id, client_message_id)
            );
            """, cancellationToken);
        try
        {
            var (batchedRows, batchedSeconds) = await RunWritersAsync(dataSource, settings.BatchRows, settings.BatchedDuration, 0, cancellationToken);
            var (singleRows, singleSeconds) = settings.SingleRowDuration > TimeSpan.Zero
                ? await RunWritersAsync(dataSource, 1, settings.SingleRowDuration, settings.Writers, cancellationToken)
                : (0L, 0.0);
            return new Reporting.InsertFigures(Table, settings.Writers, settings.BatchRows,
                batchedSeconds, batchedRows, batchedRows / Math.Max(batchedSeconds, 1e-9),
                singleSeconds, singleRows, singleSeconds > 0 ? singleRows / singleSeconds : 0);
        }
        finally
        {
            await ExecuteAsync(dataSource, $"DROP TABLE IF EXISTS {Table}", CancellationToken.None);
        }
    }

    private async Task<(long Rows, double Seconds)> RunWritersAsync(NpgsqlDataSource dataSource, int batchRows, TimeSpan duration, int conversationOffset, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var counts = await Task.WhenAll(Enumerable.Range(0, settings.Writers)
            .Select(w => WriteAsync(dataSource, $"room:insert-baseline-{conversationOffset + w}", batchRows, deadline, cancellationToken)));
        return (counts.Sum(), Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private async Task<long> WriteAsync(NpgsqlDataSource dataSource, string conversation, int batchRows, long deadline, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(InsertSql(batchRows), connection);
        for (var i = 0; i < batchRows; i++)
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        }

        await command.PrepareAsync(cancellationToken);
        var body = new string('x', settings.TextBytes);
        var senders = Enumerable.Range(0, 64).Select(_ => Guid.NewGuid().ToString()).ToArray();
        string[] noMentions = [];
        long seq = 0;
        // At least one statement per writer, so that a slow start still measures something.
        do
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < batchRows; i++)
            {
                var p = i * Columns;
                seq++;
                command.Parameters[p].Value = conversation;
                command.Parameters[p + 1].Value = seq;
                command.Parameters[p + 2].Value = senders[seq % senders.Length];
                command.Parameters[p + 3].Value = Guid.NewGuid().ToString();
                command.Parameters[p + 4].Value = body;
                command.Parameters[p + 5].Value = now;
                command.Parameters[p + 6].Value = DBNull.Value;
                command.Parameters[p + 7].Value = noMentions;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        while (Stopwatch.GetTimestamp() < deadline);

        return seq;
    }

    private string InsertSql(int batchRows)
    {
        var sql = new StringBuilder($"INSERT INTO {Table} (conversation_id, seq, sender_id, client_message_id, body, created_at, reply_to_seq, mentions) VALUES ");
        for (var i = 0; i < batchRows; i++)
        {
            var p = (i * Columns) + 1;
            sql.Append(i == 0 ? "(" : ",(");
            for (var c = 0; c < Columns; c++)
            {
                sql.Append(c == 0 ? "$" : ",$").Append(p + c);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
