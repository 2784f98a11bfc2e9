using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Frames on a connection:
/// <c>[length: int32 LE][version: 1 byte][kind: 1 byte][header length: varint][header: tagged fields][body]</c>.
/// The length counts every byte after itself and is checked against <see cref="MaxFrameSize"/> before
/// anything is buffered, so a peer cannot make this side allocate an arbitrary amount.
/// </summary>
internal sealed class MessageFrameCodec
{
    /// <summary>The frame format this build writes and the only one it reads.</summary>
    public const byte CurrentVersion = 1;

    public const int LengthPrefixSize = 4;

    /// <summary>Version, kind and a zero header length: the smallest well-formed frame.</summary>
    private const int MinimumFrameLength = 3;

    public MessageFrameCodec(int maxFrameSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, MinimumFrameLength);
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>Largest frame accepted or produced, not counting the 4-byte length prefix.</summary>
    public int MaxFrameSize { get; }

    /// <summary>Encodes <paramref name="message"/>; throws <see cref="MessageTooLargeException"/> when it would not fit a frame.</summary>
    public EncodedFrame Encode(Message message)
    {
        var writer = new Writer(128);
        try
        {
            BeginFrame(ref writer, FrameKind.Message);
            var headerStart = writer.BeginLengthPrefixed();
            MessageHeaderCodec.Write(ref writer, message);
            writer.EndLengthPrefixed(headerStart);
            return Complete(ref writer, message, message.Body);
        }
        finally
        {
            writer.Dispose();
        }
    }

    public EncodedFrame Encode(Handshake handshake)
    {
        var writer = new Writer(128);
        try
        {
            BeginFrame(ref writer, FrameKind.Handshake);
            var headerStart = writer.BeginLengthPrefixed();
            HandshakeCodec.Write(ref writer, handshake);
            writer.EndLengthPrefixed(headerStart);
            return Complete(ref writer, null, ReadOnlyMemory<byte>.Empty);
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Encodes and writes one message frame to <paramref name="output"/>.</summary>
    public void Write(IBufferWriter<byte> output, Message message)
    {
        var frame = Encode(message);
        frame.WriteTo(output);
        frame.Release();
    }

    /// <summary>
    /// Reads one frame from the start of <paramref name="buffer"/> and slices it off. Returns false,
    /// leaving the buffer alone, when the frame is not complete yet.
    /// </summary>
    /// <exception cref="FrameFormatException">The bytes are not a valid frame.</exception>
    public bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out Frame frame)
    {
        frame = default;
        if (buffer.Length < LengthPrefixSize)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < MinimumFrameLength || length > MaxFrameSize)
        {
            throw new FrameFormatException($"Frame length {length} is outside the accepted range {MinimumFrameLength}..{MaxFrameSize}.");
        }

        if (buffer.Length - LengthPrefixSize < length)
        {
            return false;
        }

        // One copy per frame: the body handed to the dispatcher must outlive the pipe's buffer.
        var payload = buffer.Slice(LengthPrefixSize, length).ToArray();
        frame = Decode(payload);
        buffer = buffer.Slice(LengthPrefixSize + length);
        return true;
    }

    private static Frame Decode(byte[] payload)
    {
        if (payload[0] != CurrentVersion)
        {
            throw new FrameFormatException($"Frame version {payload[0]} is not supported; this build reads version {CurrentVersion}.");
        }

        var kind = (FrameKind)payload[1];
        try
        {
            var reader = new Reader(payload.AsSpan(2));
            var header = reader.ReadLengthPrefixed();
            var body = payload.AsMemory(2 + reader.Position);
            return kind switch
            {
                FrameKind.Message => Frame.ForMessage(MessageHeaderCodec.Read(header, body)),
                FrameKind.Handshake => Frame.ForHandshake(HandshakeCodec.Read(header)),
                _ => throw new FrameFormatException($"Frame kind {(int)kind} is unknown."),
            };
        }
        catch (Exception ex) when (ex is WireFormatException or ArgumentException or DecoderFallbackException or OverflowException)
        {
            throw new FrameFormatException($"Malformed {kind} frame header: {ex.Message}", ex);
        }
    }

    private static void BeginFrame(ref Writer writer, FrameKind kind)
    {
        writer.Advance(LengthPrefixSize);
        writer.WriteByte(CurrentVersion);
        writer.WriteByte((byte)kind);
    }

    private EncodedFrame Complete(ref Writer writer, Message? message, ReadOnlyMemory<byte> body)
    {
        var frameLength = (long)writer.Position - LengthPrefixSize + body.Length;
        if (frameLength > MaxFrameSize)
        {
            throw new MessageTooLargeException($"{message?.ToString() ?? "Frame"} needs {frameLength} bytes; the maximum frame size is {MaxFrameSize}.");
        }

        var rented = ArrayPool<byte>.Shared.Rent(writer.Position);
        writer.WrittenSpan.CopyTo(rented);
        BinaryPrimitives.WriteInt32LittleEndian(rented, (int)frameLength);
        return new EncodedFrame(message, rented, writer.Position, body);
    }
}
