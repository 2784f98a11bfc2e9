using System.Collections.Immutable;
using Npgsql;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// The one SQL statement that appends the messages of one or many conversations: its text, its
/// parameters, and the reading of its result set (one row per input message).
/// </summary>
/// <remarks>
/// One statement for a whole group commit, not one per conversation: PostgreSQL then plans and runs
/// one executor for every message of the commit, so its cost per message approaches that of a
/// batched INSERT. Each conversation's part keeps its own numbering (from its lastSeq, in input
/// order) and its own retry detection; the primary key refuses the whole statement if any number
/// is taken, and the caller then writes each part alone to learn which one was stale.
/// </remarks>
internal static class AppendStatement
{
    // Numbered per part (an input ConversationAppend), not per conversation: two parts of the same
    // conversation both numbered from their own lastSeq collide on the primary key, as two separate
    // statements would, instead of being numbered on from each other with a gap.
    public static readonly string Sql = $$"""
        WITH input AS (
            SELECT i.*
            FROM unnest($1::text[], $2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[], $9::text[])
                 WITH ORDINALITY AS i (conversation_id, part, last_seq, sender_id, client_message_id, body, created_at, reply_to_seq, mentions, ord)
        ),
        existing AS (
            SELECT i.ord, {{MessageRow.Select("m")}}
            FROM input i
            JOIN chat_messages m
              ON m.conversation_id = i.conversation_id AND m.sender_id = i.sender_id AND m.client_message_id = i.client_message_id
        ),
        fresh AS (
            SELECT i.*, i.last_seq + row_number() OVER (PARTITION BY i.part ORDER BY i.ord) AS seq
            FROM input i
            WHERE NOT EXISTS (SELECT 1 FROM existing e WHERE e.ord = i.ord)
        ),
        inserted AS (
            INSERT INTO chat_messages (conversation_id, seq, sender_id, client_message_id, body, created_at, reply_to_seq, mentions)
            SELECT f.conversation_id, f.seq, f.sender_id, f.client_message_id, f.body, f.created_at, nullif(f.reply_to_seq, 0),
                   coalesce(string_to_array(nullif(f.mentions, ''), ' '), '{}')
            FROM fresh f
            ORDER BY f.ord
        )
        SELECT f.ord, true, f.seq, NULL::text, NULL::text, NULL::text, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz, NULL::text, NULL::bigint, NULL::text[]
        FROM fresh f
        UNION ALL
        SELECT e.ord, false, {{MessageRow.Select("e")}}
        FROM existing e
        """;

    /// <summary>
    /// The statement's parameters $1..$9 for <paramref name="appends"/>, and for each input row
    /// (ordinal - 1) the append and message it stands for. Rows go in order of conversation id, so
    /// that two writers meeting on the same conversations lock them in the same order.
    /// </summary>
    public static object?[] Parameters(IReadOnlyList<ConversationAppend> appends, out (int Append, int Message)[] rows)
    {
        var order = Enumerable.Range(0, appends.Count).OrderBy(i => appends[i].ConversationId, StringComparer.Ordinal).ToArray();
        var count = appends.Sum(a => a.Messages.Count);
        rows = new (int, int)[count];
        var conversations = new string[count];
        var parts = new int[count];
        var lastSeqs = new long[count];
        var senders = new string[count];
        var clientIds = new string[count];
        var bodies = new string[count];
        var times = new DateTimeOffset[count];
        var replies = new long[count];
        var mentions = new string[count];
        var k = 0;
        foreach (var a in order)
        {
            var append = appends[a];
            for (var m = 0; m < append.Messages.Count; m++, k++)
            {
                var message = append.Messages[m];
                rows[k] = (a, m);
                conversations[k] = append.ConversationId;
                parts[k] = a;
                lastSeqs[k] = append.LastSeq;
                senders[k] = message.SenderId;
                clientIds[k] = message.ClientMessageId;
                bodies[k] = message.Text;
                times[k] = message.CreatedAt;
                replies[k] = message.ReplyToSeq ?? 0;
                mentions[k] = string.Join(' ', message.Mentions);
            }
        }

        return [conversations, parts, lastSeqs, senders, clientIds, bodies, times, replies, mentions];
    }

    /// <summary>Reads the result set of <paramref name="reader"/> as the outcomes of each of <paramref name="appends"/>, in input order.</summary>
    public static async Task<AppendOutcome[][]> ReadAsync(NpgsqlDataReader reader, IReadOnlyList<ConversationAppend> appends, (int Append, int Message)[] rows)
    {
        var outcomes = appends.Select(a => new AppendOutcome[a.Messages.Count]).ToArray();
        var read = 0;
        while (await reader.ReadAsync())
        {
            var (a, m) = rows[(int)reader.GetInt64(0) - 1];
            var append = appends[a];
            var draft = append.Messages[m];
            outcomes[a][m] = reader.GetBoolean(1)
                ? new AppendOutcome(
                    new ChatMessage(append.ConversationId, reader.GetInt64(2), draft.SenderId, draft.ClientMessageId, draft.Text, draft.CreatedAt, null, null, null, draft.ReplyToSeq, draft.Mentions, []),
                    Created: true)
                : new AppendOutcome(MessageRow.Read(reader, 2, append.ConversationId, ImmutableArray<ReactionSummary>.Empty), Created: false);
            read++;
        }

        if (read != rows.Length)
        {
            throw new InvalidOperationException($"An append of {rows.Length} messages returned {read} outcomes.");
        }

        return outcomes;
    }
}
