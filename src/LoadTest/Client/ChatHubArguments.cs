using System.Text.Json;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Client;

/// <summary><c>Subscribe(conversationId, lastSeenSeq)</c>.</summary>
internal readonly record struct SubscribeArguments(string ConversationId, long? LastSeenSeq) : IHubArguments
{
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStringValue(ConversationId);
        if (LastSeenSeq is { } seq)
        {
            writer.WriteNumberValue(seq);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary><c>Unsubscribe(conversationId)</c>.</summary>
internal readonly record struct ConversationArgument(string ConversationId) : IHubArguments
{
    public void Write(Utf8JsonWriter writer) => writer.WriteStringValue(ConversationId);
}

/// <summary><c>Send(conversationId, clientMessageId, text, replyToSeq)</c> with a latency-stamped text.</summary>
internal readonly record struct SendArguments(string ConversationId, string ClientMessageId, long Timestamp, int Sender, int TextBytes) : IHubArguments
{
    public void Write(Utf8JsonWriter writer)
    {
        writer.WriteStringValue(ConversationId);
        writer.WriteStringValue(ClientMessageId);
        Span<byte> text = TextBytes <= 1024 ? stackalloc byte[TextBytes] : new byte[TextBytes];
        LatencyStamp.Write(text, Timestamp, Sender);
        writer.WriteStringValue(text);
        writer.WriteNullValue();
    }
}

/// <summary>No arguments.</summary>
internal readonly record struct NoArguments : IHubArguments
{
    public void Write(Utf8JsonWriter writer)
    {
    }
}
