using Npgsql;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Messages;

/// <summary>
/// Who reacted with what, for the <c>userIds</c> of <see cref="ReactionView"/>. The grains return
/// reaction counts only, so the gateway reads the reactors from the message log's reaction table
/// directly, after a grain call authorized the caller to see those messages. One query per page
/// or event, and only for messages that have reactions at all.
/// </summary>
/// <remarks>Read-only coupling to the domain's schema; it goes away when the grains return reactor ids.</remarks>
internal sealed partial class ReactionReader(NpgsqlDataSource dataSource, ILogger<ReactionReader> logger)
{
    private const int MaxUsersPerEmoji = 100;

    private const string Sql = """
        SELECT seq, emoji, count(*)::int AS total, (array_agg(user_id ORDER BY created_at, user_id))[1:$3] AS users
        FROM chat_message_reactions
        WHERE conversation_id = $1 AND seq = ANY($2)
        GROUP BY seq, emoji
        ORDER BY seq, min(created_at), emoji
        """;

    /// <summary>Reactions of the given messages; messages without reactions are absent from the result.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ReactionView>>> ReadAsync(
        string conversationId, IReadOnlyCollection<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var seqs = messages.Where(m => m.Reactions.Length > 0).Select(m => m.Seq).ToArray();
        if (seqs.Length == 0)
        {
            return new Dictionary<long, IReadOnlyList<ReactionView>>();
        }

        // Counts without names beat failing a history page or an event.
        return await TryReadAsync(conversationId, seqs, cancellationToken)
            ?? messages.Where(m => m.Reactions.Length > 0).ToDictionary(
                m => m.Seq,
                m => (IReadOnlyList<ReactionView>)m.Reactions.Select(r => new ReactionView(r.Emoji, r.Count, [])).ToArray());
    }

    /// <summary>Reactions of the messages <paramref name="seqs"/>; null when the database could not answer.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<ReactionView>>?> TryReadAsync(
        string conversationId, long[] seqs, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Sql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = conversationId });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = MaxUsersPerEmoji });
            var result = new Dictionary<long, List<ReactionView>>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var seq = reader.GetInt64(0);
                if (!result.TryGetValue(seq, out var list))
                {
                    list = [];
                    result[seq] = list;
                }

                list.Add(new ReactionView(reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<string[]>(3)));
            }

            return result.ToDictionary(e => e.Key, e => (IReadOnlyList<ReactionView>)e.Value);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            LogReadFailed(logger, conversationId, ex.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(EventId = 5521, Level = LogLevel.Warning, Message = "Reactors of {ConversationId} could not be read ({Error}); sending counts only")]
    private static partial void LogReadFailed(ILogger logger, string conversationId, string error);
}
