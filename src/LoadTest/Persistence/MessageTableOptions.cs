namespace OrleansChat.LoadTest.Persistence;

/// <summary>
/// Where the message log lives and what its columns are called. Defaults follow the domain's
/// <c>chat_messages</c> table (conversation_id, seq, sender_id, client_message_id; unique on
/// conversation, sender and client message id); change them here or with <c>--message-table</c> /
/// <c>--message-columns</c> if that design moves.
/// </summary>
internal sealed record MessageTableOptions
{
    public string Table { get; init; } = "chat_messages";

    public string ConversationColumn { get; init; } = "conversation_id";

    public string SenderColumn { get; init; } = "sender_id";

    public string ClientMessageIdColumn { get; init; } = "client_message_id";

    public string SeqColumn { get; init; } = "seq";

    /// <summary>Match the sender too (the contract's key is conversation, sender and client message id).</summary>
    public bool MatchSender { get; init; } = true;

    /// <summary>Parses <c>conversation,sender,client_message_id,seq</c>.</summary>
    /// <exception cref="ArgumentException">Not four identifiers.</exception>
    public MessageTableOptions WithColumns(string columns)
    {
        var parts = columns.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 4)
        {
            throw new ArgumentException("--message-columns takes four names: conversation,sender,client_message_id,seq", nameof(columns));
        }

        return this with { ConversationColumn = parts[0], SenderColumn = parts[1], ClientMessageIdColumn = parts[2], SeqColumn = parts[3] };
    }
}
