using System.Text.Json;

namespace OrleansChat.LoadTest.Protocol;

/// <summary>
/// Reads the few fields the load generator needs from a <c>MessageView</c> (see docs/hub-protocol.md)
/// without materialising it: conversation id, sequence number and text, as slices of the record.
/// </summary>
internal static class MessageViewReader
{
    /// <summary>Reads the first argument of a <c>MessagePosted</c> invocation (<paramref name="arguments"/> is the JSON array).</summary>
    /// <exception cref="InvalidDataException">The arguments are not an array holding a message view with conversationId and seq.</exception>
    public static MessageViewFields ReadFirstArgument(ReadOnlySpan<byte> arguments)
    {
        try
        {
            var reader = new Utf8JsonReader(arguments);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("MessagePosted must carry a message view object as its first argument.");
            }

            return ReadObject(ref reader, arguments);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"Malformed message view: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a message view object; the reader stands on its StartObject and is left on its EndObject.</summary>
    public static MessageViewFields ReadObject(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        ReadOnlySpan<byte> conversationId = default, text = default;
        long seq = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("conversationId"u8))
            {
                reader.Read();
                conversationId = HubRecord.RawString(ref reader, source);
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                seq = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                reader.Read();
                text = reader.TokenType == JsonTokenType.String ? HubRecord.RawString(ref reader, source) : default;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (conversationId.IsEmpty || seq < 0)
        {
            throw new InvalidDataException("A message view needs a conversationId and a seq.");
        }

        return new MessageViewFields(conversationId, seq, text);
    }
}
