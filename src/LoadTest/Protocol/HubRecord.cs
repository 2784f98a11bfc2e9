using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace OrleansChat.LoadTest.Protocol;

/// <summary>
/// One parsed SignalR JSON record, as slices of the record's bytes: nothing is allocated except the
/// text of an error. Field order in the JSON is free (the protocol does not fix it).
/// </summary>
internal readonly ref struct HubRecord
{
    public HubMessageType Type { get; private init; }

    /// <summary>The invocation id's raw string content (empty when absent).</summary>
    public ReadOnlySpan<byte> InvocationId { get; private init; }

    /// <summary>The target's raw string content (empty when absent).</summary>
    public ReadOnlySpan<byte> Target { get; private init; }

    /// <summary>The <c>arguments</c> JSON array, brackets included (empty when absent).</summary>
    public ReadOnlySpan<byte> Arguments { get; private init; }

    /// <summary>The <c>result</c> JSON value (empty when absent; <c>null</c> is 4 bytes).</summary>
    public ReadOnlySpan<byte> Result { get; private init; }

    /// <summary>The <c>item</c> JSON value of a stream item.</summary>
    public ReadOnlySpan<byte> Item { get; private init; }

    /// <summary>The <c>error</c> of a completion, close or handshake response.</summary>
    public string? Error { get; private init; }

    /// <summary>Whether a close message allows the client to reconnect.</summary>
    public bool AllowReconnect { get; private init; }

    /// <summary>Whether the record had a <c>result</c> field.</summary>
    public bool HasResult { get; private init; }

    /// <summary>Parses one record (without the 0x1E terminator).</summary>
    /// <exception cref="InvalidDataException">The record is not a JSON object of the hub protocol.</exception>
    public static HubRecord Parse(ReadOnlySpan<byte> record)
    {
        try
        {
            return ParseCore(record);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            // Wrong token types (a string where a number belongs) surface as InvalidOperationException.
            throw new InvalidDataException($"Malformed SignalR record: {ex.Message}", ex);
        }
    }

    /// <summary>The invocation id as a number, or -1 when it is absent or not one of ours (ours are decimal).</summary>
    public long InvocationNumber =>
        !InvocationId.IsEmpty && Utf8Parser.TryParse(InvocationId, out long id, out var used) && used == InvocationId.Length ? id : -1;

    public bool TargetIs(ReadOnlySpan<byte> name) => Target.SequenceEqual(name);

    public string TargetText => Encoding.UTF8.GetString(Target);

    private static HubRecord ParseCore(ReadOnlySpan<byte> record)
    {
        var reader = new Utf8JsonReader(record);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("A SignalR record must be a JSON object.");
        }

        var type = HubMessageType.None;
        ReadOnlySpan<byte> invocationId = default, target = default, arguments = default, result = default, item = default;
        string? error = null;
        bool allowReconnect = false, hasResult = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = (HubMessageType)reader.GetInt32();
            }
            else if (reader.ValueTextEquals("invocationId"u8))
            {
                reader.Read();
                invocationId = RawString(ref reader, record);
            }
            else if (reader.ValueTextEquals("target"u8))
            {
                reader.Read();
                target = RawString(ref reader, record);
            }
            else if (reader.ValueTextEquals("arguments"u8))
            {
                arguments = RawValue(ref reader, record);
            }
            else if (reader.ValueTextEquals("result"u8))
            {
                result = RawValue(ref reader, record);
                hasResult = true;
            }
            else if (reader.ValueTextEquals("item"u8))
            {
                item = RawValue(ref reader, record);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                error = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else if (reader.ValueTextEquals("allowReconnect"u8))
            {
                reader.Read();
                allowReconnect = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                // headers, streamIds, sequenceId, ...: not needed by the load generator.
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            throw new InvalidDataException("A SignalR record must be a single JSON object.");
        }

        return new HubRecord
        {
            Type = type,
            InvocationId = invocationId,
            Target = target,
            Arguments = arguments,
            Result = result,
            Item = item,
            Error = error,
            AllowReconnect = allowReconnect,
            HasResult = hasResult,
        };
    }

    /// <summary>The content of the string token the reader stands on, as a slice of <paramref name="source"/>.</summary>
    internal static ReadOnlySpan<byte> RawString(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> source)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new InvalidDataException($"Expected a JSON string, found {reader.TokenType}.");
        }

        // Ids, method names and our stamped texts are plain ASCII; an escaped string is decoded (rare, allocates).
        if (reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetBytes(reader.GetString()!);
        }

        var start = (int)reader.TokenStartIndex + 1;
        return source[start..((int)reader.BytesConsumed - 1)];
    }

    private static ReadOnlySpan<byte> RawValue(scoped ref Utf8JsonReader reader, ReadOnlySpan<byte> record)
    {
        reader.Read();
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return record[start..(int)reader.BytesConsumed];
    }
}
