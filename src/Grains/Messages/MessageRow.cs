using System.Collections.Immutable;
using Npgsql;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Reads a stored message from a row whose columns, from a given ordinal on, are
/// <see cref="Columns"/> in that order: every query that returns whole messages shares this mapping.
/// </summary>
internal static class MessageRow
{
    /// <summary>How many columns <see cref="Read"/> consumes.</summary>
    public const int ColumnCount = 10;

    /// <summary>The columns, unqualified; prefix them with a table alias where needed.</summary>
    public static readonly string[] Columns =
        ["seq", "sender_id", "client_message_id", "body", "created_at", "edited_at", "deleted_at", "deleted_by", "reply_to_seq", "mentions"];

    /// <summary>The column list qualified by <paramref name="alias"/> ("m.seq, m.sender_id, ...").</summary>
    public static string Select(string alias) => string.Join(", ", Columns.Select(column => $"{alias}.{column}"));

    public static ChatMessage Read(NpgsqlDataReader reader, int first, string conversationId, ImmutableArray<ReactionSummary> reactions) =>
        new(
            conversationId,
            reader.GetInt64(first),
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            reader.GetString(first + 3),
            reader.GetFieldValue<DateTimeOffset>(first + 4),
            NullableTime(reader, first + 5),
            NullableTime(reader, first + 6),
            reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7),
            reader.IsDBNull(first + 8) ? null : reader.GetInt64(first + 8),
            [.. reader.GetFieldValue<string[]>(first + 9)],
            reactions);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
