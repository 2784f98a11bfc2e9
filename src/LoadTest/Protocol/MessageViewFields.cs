namespace OrleansChat.LoadTest.Protocol;

/// <summary>The fields of a message view the load generator reads, as slices of the received record.</summary>
internal readonly ref struct MessageViewFields(ReadOnlySpan<byte> conversationId, long seq, ReadOnlySpan<byte> text)
{
    public ReadOnlySpan<byte> ConversationId { get; } = conversationId;

    public long Seq { get; } = seq;

    public ReadOnlySpan<byte> Text { get; } = text;
}
