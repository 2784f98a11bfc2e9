using Npgsql;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The one SQL statement that appends a conversation's batch: its text, its parameters, and the
/// reading of its result set (one row per input message, in input order).
/// </summary>
internal static class AppendStatement
{
    // One statement: find retries already stored, number the rest from lastSeq in input order, insert
    // them all, and report both. The primary key refuses the whole statement if a number is taken.
    public const string Sql = """
        WITH input AS (
            SELECT i.sender_id, i.client_message_id, i.body, i.created_at, i.reply_to_seq, i.mentions, i.ord
            FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::bigint[], $8::text[])
                 WITH ORDINALITY AS i (sender_id, client_message_id, body, created_at, reply_to_seq, mentions, ord)
        ),
        existing AS (
            SELECT i.ord, m.seq, m.body, m.created_at, m.edited_at, m.deleted_at, m.deleted_by, m.reply_to_seq, m.mentions
            FROM input i
            JOIN chat_messages m
              ON m.conversation_id = $1 AND m.sender_id = i.sender_id AND m.client_message_id = i.client_message_id
        ),
        fresh AS (
            SELECT i.*, $2::bigint + row_number() OVER (ORDER BY i.ord) AS seq
            FROM input i
            WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
        ),
        inserted AS (
            INSERT INTO chat_messages (conversation_id, seq, sender_id, client_message_id, body, created_at, reply_to_seq, mentions)
            SELECT $1, f.seq, f.sender_id, f.client_message_id, f.body, f.created_at, nullif(f.reply_to_seq, 0),
                   coalesce(string_to_array(nullif(f.mentions, ''), ' '), '{}')
            FROM fresh f
            ORDER BY f.seq
            RETURNING seq
        )
        SELECT f.ord, true, f.seq, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::bigint, NULL::text[]
        FROM fresh f JOIN inserted USING (seq)
        UNION ALL
        SELECT e.ord, false, e.seq, e.body, e.created_at, e.edited_at, e.deleted_at, e.deleted_by, e.reply_to_seq, e.mentions
        FROM existing e
        ORDER BY 1
        """;

    /// <summary>The statement's parameters $1..$8, in order.</summary>
    public static object?[] Parameters(string conversationId, long lastSeq, IReadOnlyList<NewMessage> messages)
    {
        var count = messages.Count;
        var senders = new string[count];
        var clientIds = new string[count];
        var bodies = new string[count];
        var times = new DateTimeOffset[count];
        var replies = new long[count];
        var mentions = new string[count];
        for (var i = 0; i < count; i++)
        {
            var message = messages[i];
            senders[i] = message.SenderId;
            clientIds[i] = message.ClientMessageId;
            bodies[i] = message.Text;
            times[i] = message.CreatedAt;
            replies[i] = message.ReplyToSeq ?? 0;
            mentions[i] = string.Join(' ', message.Mentions);
        }

        return [conversationId, lastSeq, senders, clientIds, bodies, times, replies, mentions];
    }

    /// <summary>Reads the current result set of <paramref name="reader"/> as the outcomes of <paramref name="messages"/>, in input order.</summary>
    public static async Task<IReadOnlyList<AppendOutcome>> ReadAsync(NpgsqlDataReader reader, string conversationId, IReadOnlyList<NewMessage> messages)
    {
        var outcomes = new AppendOutcome[messages.Count];
        while (await reader.ReadAsync())
        {
            var index = (int)reader.GetInt64(0) - 1;
            var created = reader.GetBoolean(1);
            var seq = reader.GetInt64(2);
            var draft = messages[index];
            outcomes[index] = created
                ? new AppendOutcome(
                    new ChatMessage(conversationId, seq, draft.SenderId, draft.ClientMessageId, draft.Text, draft.CreatedAt, null, null, null, draft.ReplyToSeq, draft.Mentions, []),
                    Created: true)
                : new AppendOutcome(
                    new ChatMessage(
                        conversationId,
                        seq,
                        draft.SenderId,
                        draft.ClientMessageId,
                        reader.GetString(3),
                        reader.GetFieldValue<DateTimeOffset>(4),
                        NullableTime(reader, 5),
                        NullableTime(reader, 6),
                        reader.IsDBNull(7) ? null : reader.GetString(7),
                        reader.IsDBNull(8) ? null : reader.GetInt64(8),
                        [.. reader.GetFieldValue<string[]>(9)],
                        []),
                    Created: false);
        }

        if (outcomes.Any(o => o is null))
        {
            throw new InvalidOperationException($"The append to {conversationId} returned fewer outcomes than messages.");
        }

        return outcomes;
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
