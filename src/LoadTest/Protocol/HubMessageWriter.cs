using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace OrleansChat.LoadTest.Protocol;

/// <summary>
/// Writes client-to-server SignalR JSON records, each followed by 0x1E. A JSON writer is kept per
/// thread and reset per record: writing is synchronous, so no record shares it with another.
/// </summary>
internal static class HubMessageWriter
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The handshake request for the JSON protocol, version 1.</summary>
    public static ReadOnlySpan<byte> Handshake => "{\"protocol\":\"json\",\"version\":1}\u001e"u8;

    /// <summary>A ping (keeps the server's client timeout from firing on an idle connection).</summary>
    public static ReadOnlySpan<byte> Ping => "{\"type\":6}\u001e"u8;

    /// <summary>A close message, which a client may send before closing the transport.</summary>
    public static ReadOnlySpan<byte> Close => "{\"type\":7}\u001e"u8;

    /// <summary>An invocation; with <paramref name="invocationId"/> &lt; 0 it is fire-and-forget (no completion comes back).</summary>
    public static void WriteInvocation<TArgs>(IBufferWriter<byte> output, long invocationId, ReadOnlySpan<byte> target, in TArgs arguments)
        where TArgs : IHubArguments =>
        WriteCall(output, HubMessageType.Invocation, invocationId, target, arguments);

    /// <summary>A streaming invocation: the server answers with stream items, then a completion.</summary>
    public static void WriteStreamInvocation<TArgs>(IBufferWriter<byte> output, long invocationId, ReadOnlySpan<byte> target, in TArgs arguments)
        where TArgs : IHubArguments =>
        WriteCall(output, HubMessageType.StreamInvocation, invocationId, target, arguments);

    /// <summary>Asks the server to stop a stream started by <see cref="WriteStreamInvocation"/>.</summary>
    public static void WriteCancelInvocation(IBufferWriter<byte> output, long invocationId)
    {
        var writer = Start(output);
        writer.WriteNumber("type"u8, (int)HubMessageType.CancelInvocation);
        WriteInvocationId(writer, invocationId);
        writer.WriteEndObject();
        Finish(writer, output);
    }

    /// <summary>A completion with an error: the answer to a server-to-client invocation this client does not implement.</summary>
    public static void WriteCompletionError(IBufferWriter<byte> output, ReadOnlySpan<byte> invocationId, string error)
    {
        var writer = Start(output);
        writer.WriteNumber("type"u8, (int)HubMessageType.Completion);
        writer.WriteString("invocationId"u8, invocationId);
        writer.WriteString("error"u8, error);
        writer.WriteEndObject();
        Finish(writer, output);
    }

    private static void WriteCall<TArgs>(IBufferWriter<byte> output, HubMessageType type, long invocationId, ReadOnlySpan<byte> target, in TArgs arguments)
        where TArgs : IHubArguments
    {
        var writer = Start(output);
        writer.WriteNumber("type"u8, (int)type);
        if (invocationId >= 0)
        {
            WriteInvocationId(writer, invocationId);
        }

        writer.WriteString("target"u8, target);
        writer.WriteStartArray("arguments"u8);
        arguments.Write(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
        Finish(writer, output);
    }

    private static void WriteInvocationId(Utf8JsonWriter writer, long invocationId)
    {
        Span<byte> digits = stackalloc byte[20];
        Utf8Formatter.TryFormat(invocationId, digits, out var length);
        writer.WriteString("invocationId"u8, digits[..length]);
    }

    private static Utf8JsonWriter Start(IBufferWriter<byte> output)
    {
        var writer = t_writer ??= new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = false });
        writer.Reset(output);
        writer.WriteStartObject();
        return writer;
    }

    private static void Finish(Utf8JsonWriter writer, IBufferWriter<byte> output)
    {
        writer.Flush();
        var span = output.GetSpan(1);
        span[0] = RecordFramer.RecordSeparator;
        output.Advance(1);
    }
}
