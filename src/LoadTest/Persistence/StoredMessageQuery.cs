using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace OrleansChat.LoadTest.Persistence;

/// <summary>
/// The one query that knows the message table: for a batch of acknowledged keys, how many rows each
/// has and which sequence numbers. Everything schema-specific is here, built from
/// <see cref="MessageTableOptions"/> (identifiers validated, keys passed as array parameters).
/// </summary>
internal sealed partial class StoredMessageQuery
{
    public StoredMessageQuery(MessageTableOptions options)
    {
        foreach (var name in new[] { options.ConversationColumn, options.SenderColumn, options.ClientMessageIdColumn, options.SeqColumn })
        {
            RequireIdentifier(name);
        }

        foreach (var part in options.Table.Split('.'))
        {
            RequireIdentifier(part);
        }

        Options = options;
        var senderMatch = options.MatchSender ? $" AND m.{options.SenderColumn} = k.sender" : string.Empty;
        Sql = $"""
            SELECT k.ord, count(m.{options.SeqColumn})::bigint AS copies, min(m.{options.SeqColumn}) AS first_seq, max(m.{options.SeqColumn}) AS last_seq
            FROM unnest(@conversations, @senders, @ids) WITH ORDINALITY AS k(conversation, sender, id, ord)
            LEFT JOIN {options.Table} m
              ON m.{options.ConversationColumn} = k.conversation AND m.{options.ClientMessageIdColumn} = k.id{senderMatch}
            GROUP BY k.ord
            ORDER BY k.ord
            """;
    }

    public MessageTableOptions Options { get; }

    public string Sql { get; }

    /// <summary>Row count and sequence range per key, in input order.</summary>
    public async Task<IReadOnlyList<(long Copies, long? FirstSeq, long? LastSeq)>> RunAsync(NpgsqlConnection connection, IReadOnlyList<AckedMessage> batch, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter("conversations", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(b => b.ConversationId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("senders", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(b => b.SenderId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = batch.Select(b => b.ClientMessageId).ToArray() });
        var rows = new List<(long, long?, long?)>(batch.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }

        return rows;
    }

    private static void RequireIdentifier(string name)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain SQL identifier (letters, digits, underscore).");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
