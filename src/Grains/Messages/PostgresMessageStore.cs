using System.Collections.Immutable;
using Npgsql;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Messages;

/// <summary>The message log in PostgreSQL (tables <c>chat_messages</c>, <c>chat_message_revisions</c>, <c>chat_message_reactions</c>, <c>chat_read_positions</c>).</summary>
internal sealed class PostgresMessageStore(ChatDatabase database, AuditLog auditLog, MessageAppendWriter writer) : IMessageStore
{
    // The message (MessageRow's columns), then its reactions.
    private static readonly string MessageColumns = $"{MessageRow.Select("m")}, r.emojis, r.counts, r.mine";

    // Reactions are aggregated per message in the same round trip, in the order they first appeared.
    private const string ReactionsJoin = """
        LEFT JOIN LATERAL (
            SELECT array_agg(g.emoji ORDER BY g.first_at, g.emoji) AS emojis,
                   array_agg(g.cnt ORDER BY g.first_at, g.emoji) AS counts,
                   array_agg(g.mine ORDER BY g.first_at, g.emoji) AS mine
            FROM (SELECT x.emoji, count(*)::int AS cnt, bool_or(x.user_id = $2) AS mine, min(x.created_at) AS first_at
                  FROM chat_message_reactions x
                  WHERE x.conversation_id = m.conversation_id AND x.seq = m.seq
                  GROUP BY x.emoji) g
        ) r ON true
        """;

    public async Task<long> GetLastSeqAsync(string conversationId) =>
        await database.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM chat_messages WHERE conversation_id = $1", conversationId);

    // Goes through the silo-wide writer, which may commit it together with other conversations' appends.
    public Task<IReadOnlyList<AppendOutcome>> AppendAsync(string conversationId, long lastSeq, IReadOnlyList<NewMessage> messages) =>
        writer.AppendAsync(conversationId, lastSeq, messages);

    public async Task<(IReadOnlyList<ChatMessage> Messages, bool HasMore)> ReadPageAsync(string conversationId, HistoryQuery query, string viewerId)
    {
        // One more row than asked tells whether more exist in the direction of the query.
        var (filter, order) = query switch
        {
            { BeforeSeq: { } } => ("seq < $3", "DESC"),
            { AfterSeq: { } } => ("seq > $3", "ASC"),
            _ => ("seq <= $3", "DESC"),
        };
        var anchor = query.BeforeSeq ?? query.AfterSeq ?? long.MaxValue;
        var sql = $"""
            SELECT {MessageColumns}
            FROM (SELECT * FROM chat_messages WHERE conversation_id = $1 AND {filter} ORDER BY seq {order} LIMIT $4) m
            {ReactionsJoin}
            ORDER BY m.seq
            """;
        await using var command = database.Command(sql, conversationId, viewerId, anchor, query.Limit + 1);
        var rows = await ReadMessagesAsync(command, conversationId);
        var hasMore = rows.Count > query.Limit;
        if (hasMore)
        {
            // Descending queries over-fetched the oldest row; ascending ones the newest.
            rows.RemoveAt(query.AfterSeq is null ? 0 : rows.Count - 1);
        }

        return (rows, hasMore);
    }

    public async Task<ChatMessage?> GetAsync(string conversationId, long seq, string viewerId)
    {
        var sql = $"""
            SELECT {MessageColumns}
            FROM (SELECT * FROM chat_messages WHERE conversation_id = $1 AND seq = $3) m
            {ReactionsJoin}
            """;
        await using var command = database.Command(sql, conversationId, viewerId, seq);
        var rows = await ReadMessagesAsync(command, conversationId);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<ChangeOutcome> EditAsync(string conversationId, long seq, string authorId, string text, DateTimeOffset at)
    {
        // The joined subquery reads the row as it was before this statement, so RETURNING can hand the
        // previous text to the revision insert in the same round trip.
        var changed = await database.ScalarAsync<long>("""
            WITH upd AS (
                UPDATE chat_messages m SET body = $4, edited_at = $5
                FROM (SELECT body FROM chat_messages WHERE conversation_id = $1 AND seq = $2) old
                WHERE m.conversation_id = $1 AND m.seq = $2 AND m.sender_id = $3 AND m.deleted_at IS NULL
                RETURNING old.body AS previous
            ),
            rev AS (
                INSERT INTO chat_message_revisions (conversation_id, seq, kind, previous_body, revised_by, revised_at)
                SELECT $1, $2, 1, previous, $3, $5 FROM upd
            )
            SELECT count(*) FROM upd
            """, conversationId, seq, authorId, text, at);
        return changed > 0 ? ChangeOutcome.Changed : await ClassifyMissAsync(conversationId, seq);
    }

    public async Task<ChangeOutcome> DeleteAsync(string conversationId, long seq, string actorId, DateTimeOffset at, AuditEntry? audit)
    {
        const string sql = """
            WITH upd AS (
                UPDATE chat_messages m SET body = '', mentions = '{}', deleted_at = $4, deleted_by = $3
                FROM (SELECT body FROM chat_messages WHERE conversation_id = $1 AND seq = $2) old
                WHERE m.conversation_id = $1 AND m.seq = $2 AND m.deleted_at IS NULL
                RETURNING old.body AS previous
            ),
            rev AS (
                INSERT INTO chat_message_revisions (conversation_id, seq, kind, previous_body, revised_by, revised_at)
                SELECT $1, $2, 2, previous, $3, $4 FROM upd
            ),
            reactions AS (
                DELETE FROM chat_message_reactions WHERE conversation_id = $1 AND seq = $2 AND EXISTS (SELECT 1 FROM upd)
            )
            SELECT count(*) FROM upd
            """;
        var changed = await database.InTransactionAsync(async (connection, transaction) =>
        {
            await using var command = database.Command(connection, transaction, sql, conversationId, seq, actorId, at);
            var count = (long)(await command.ExecuteScalarAsync())!;
            if (count > 0 && audit is not null)
            {
                await auditLog.WriteAsync(connection, transaction, audit);
            }

            return count;
        });
        return changed > 0 ? ChangeOutcome.Changed : await ClassifyMissAsync(conversationId, seq);
    }

    public async Task<ToggleOutcome> ToggleReactionAsync(string conversationId, long seq, string userId, string emoji, DateTimeOffset at)
    {
        // Statement snapshots do not see their own changes, so the new count is computed from the old one.
        await using var command = database.Command("""
            WITH target AS (
                SELECT 1 FROM chat_messages WHERE conversation_id = $1 AND seq = $2 AND deleted_at IS NULL
            ),
            del AS (
                DELETE FROM chat_message_reactions
                WHERE conversation_id = $1 AND seq = $2 AND emoji = $3 AND user_id = $4 AND EXISTS (SELECT 1 FROM target)
                RETURNING 1
            ),
            ins AS (
                INSERT INTO chat_message_reactions (conversation_id, seq, emoji, user_id, created_at)
                SELECT $1, $2, $3, $4, $5
                WHERE EXISTS (SELECT 1 FROM target) AND NOT EXISTS (SELECT 1 FROM del)
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT EXISTS (SELECT 1 FROM target),
                   EXISTS (SELECT 1 FROM ins),
                   ((SELECT count(*) FROM chat_message_reactions WHERE conversation_id = $1 AND seq = $2 AND emoji = $3)
                     + (SELECT count(*) FROM ins) - (SELECT count(*) FROM del))::int
            """, conversationId, seq, emoji, userId, at);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var found = reader.GetBoolean(0);
        var added = reader.GetBoolean(1);
        var count = reader.GetInt32(2);
        await reader.DisposeAsync();
        return found
            ? new ToggleOutcome(ChangeOutcome.Changed, added, count)
            : new ToggleOutcome(await ClassifyMissAsync(conversationId, seq), false, 0);
    }

    public async Task<IReadOnlyList<MessageRevision>> GetRevisionsAsync(string conversationId, long seq)
    {
        await using var command = database.Command("""
            SELECT previous_body, revised_by, revised_at FROM chat_message_revisions
            WHERE conversation_id = $1 AND seq = $2 AND kind = 1
            ORDER BY revision_id
            """, conversationId, seq);
        await using var reader = await command.ExecuteReaderAsync();
        var revisions = new List<MessageRevision>();
        while (await reader.ReadAsync())
        {
            revisions.Add(new MessageRevision(seq, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        return revisions;
    }

    public async Task<long> MarkReadAsync(string userId, string conversationId, long seq, DateTimeOffset at) =>
        await database.ScalarAsync<long>("""
            INSERT INTO chat_read_positions (user_id, conversation_id, last_read_seq, updated_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (user_id, conversation_id) DO UPDATE
                SET last_read_seq = GREATEST(chat_read_positions.last_read_seq, EXCLUDED.last_read_seq), updated_at = EXCLUDED.updated_at
            RETURNING last_read_seq
            """, userId, conversationId, seq, at);

    public async Task<IReadOnlyList<ReadPosition>> GetReadPositionsAsync(string conversationId, int limit)
    {
        await using var command = database.Command("""
            SELECT user_id, last_read_seq FROM chat_read_positions
            WHERE conversation_id = $1 AND last_read_seq > 0
            ORDER BY updated_at DESC
            LIMIT $2
            """, conversationId, limit);
        await using var reader = await command.ExecuteReaderAsync();
        var positions = new List<ReadPosition>();
        while (await reader.ReadAsync())
        {
            positions.Add(new ReadPosition(reader.GetString(0), reader.GetInt64(1)));
        }

        return positions;
    }

    private async Task<ChangeOutcome> ClassifyMissAsync(string conversationId, long seq)
    {
        var deleted = await database.ScalarAsync<bool?>(
            "SELECT deleted_at IS NOT NULL FROM chat_messages WHERE conversation_id = $1 AND seq = $2", conversationId, seq);
        return deleted switch
        {
            null => ChangeOutcome.NotFound,
            true => ChangeOutcome.Deleted,
            false => ChangeOutcome.NotAuthor,
        };
    }

    private static async Task<List<ChatMessage>> ReadMessagesAsync(NpgsqlCommand command, string conversationId)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var messages = new List<ChatMessage>();
        while (await reader.ReadAsync())
        {
            var reactions = ImmutableArray<ReactionSummary>.Empty;
            if (!reader.IsDBNull(MessageRow.ColumnCount))
            {
                var emojis = reader.GetFieldValue<string[]>(MessageRow.ColumnCount);
                var counts = reader.GetFieldValue<int[]>(MessageRow.ColumnCount + 1);
                var mine = reader.GetFieldValue<bool[]>(MessageRow.ColumnCount + 2);
                var builder = ImmutableArray.CreateBuilder<ReactionSummary>(emojis.Length);
                for (var i = 0; i < emojis.Length; i++)
                {
                    builder.Add(new ReactionSummary(emojis[i], counts[i], mine[i]));
                }

                reactions = builder.MoveToImmutable();
            }

            messages.Add(MessageRow.Read(reader, 0, conversationId, reactions));
        }

        return messages;
    }
}
