using System.Buffers;
using System.Buffers.Binary;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Messaging;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Messaging;

public sealed class MessageFrameCodecTests
{
    private readonly MessageFrameCodec _codec = new(maxFrameSize: 64 * 1024);

    [Fact]
    public void Request_with_every_header_field_and_context_round_trips()
    {
        var context = new RequestContextData([new("trace", "abc-123"), new("user", "zoë")]);
        var sent = new Message
        {
            CorrelationId = -42,
            Direction = MessageDirection.Request,
            Flags = MessageFlags.IsReadOnly | MessageFlags.IsAlwaysInterleave,
            TargetGrain = new GrainId("room", "general/ünïcode"),
            InterfaceId = 0xDEADBEEF,
            MethodId = 17,
            Deadline = new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).Ticks,
            SenderSilo = "10.0.0.5:11111:123456789",
            Context = context,
            Body = new byte[] { 1, 2, 3, 4, 5 },
        };

        var received = RoundTrip(sent);

        Assert.Equal(sent.CorrelationId, received.CorrelationId);
        Assert.Equal(sent.Direction, received.Direction);
        Assert.Equal(sent.Flags, received.Flags);
        Assert.Equal(sent.TargetGrain, received.TargetGrain);
        Assert.Equal(sent.InterfaceId, received.InterfaceId);
        Assert.Equal(sent.MethodId, received.MethodId);
        Assert.Equal(sent.Deadline, received.Deadline);
        Assert.Equal(sent.SenderSilo, received.SenderSilo);
        Assert.NotNull(received.Context);
        Assert.Equal(context.Values.OrderBy(p => p.Key), received.Context.Values.OrderBy(p => p.Key));
        Assert.Equal(sent.Body.ToArray(), received.Body.ToArray());
    }

    [Theory]
    [InlineData(nameof(ResponseKind.Success), nameof(RejectionReason.Unspecified))]
    [InlineData(nameof(ResponseKind.Exception), nameof(RejectionReason.Unspecified))]
    [InlineData(nameof(ResponseKind.Rejection), nameof(RejectionReason.NotOwner))]
    [InlineData(nameof(ResponseKind.Rejection), nameof(RejectionReason.UnknownGrainType))]
    [InlineData(nameof(ResponseKind.Rejection), nameof(RejectionReason.Overloaded))]
    [InlineData(nameof(ResponseKind.Rejection), nameof(RejectionReason.ShuttingDown))]
    public void Response_kind_and_rejection_reason_round_trip(string kindName, string reasonName)
    {
        var kind = Enum.Parse<ResponseKind>(kindName);
        var reason = Enum.Parse<RejectionReason>(reasonName);
        var sent = new Message
        {
            CorrelationId = long.MaxValue,
            Direction = MessageDirection.Response,
            ResponseKind = kind,
            RejectionReason = reason,
            Body = new byte[] { 9 },
        };

        var received = RoundTrip(sent);

        Assert.Equal(MessageDirection.Response, received.Direction);
        Assert.Equal(long.MaxValue, received.CorrelationId);
        Assert.Equal(kind, received.ResponseKind);
        Assert.Equal(reason, received.RejectionReason);
        Assert.True(received.TargetGrain.IsDefault);
        Assert.Null(received.Context);
        Assert.Null(received.SenderSilo);
    }

    [Fact]
    public void Handshake_round_trips()
    {
        var sent = new Handshake(Handshake.CurrentProtocolVersion, "prod-eu", PeerIdentity.ForClient("gateway-7"));
        var output = new ArrayBufferWriter<byte>();
        var frame = _codec.Encode(sent);
        frame.WriteTo(output);
        frame.Release();

        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.True(_codec.TryReadFrame(ref buffer, out var read));

        Assert.Equal(FrameKind.Handshake, read.Kind);
        Assert.Equal(sent, read.Handshake);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void Unknown_header_fields_from_a_newer_version_are_skipped()
    {
        var frame = BuildFrame(version: 1, FrameKind.Message, body: [7, 7], (ref Writer w) =>
        {
            WriteVarInt(ref w, 99, 12345);
            w.WriteFieldHeader(1, WireType.VarInt);
            w.WriteVarInt64(5);
            w.WriteFieldHeader(100, WireType.LengthPrefixed);
            w.WriteLengthPrefixed("from the future"u8);
            w.WriteFieldHeader(2, WireType.VarInt);
            w.WriteVarUInt32((uint)MessageDirection.OneWay);
            w.WriteFieldHeader(101, WireType.Fixed64);
            w.WriteFixed64(ulong.MaxValue);
            w.WriteFieldHeader(102, WireType.Fixed32);
            w.WriteFixed32(1);
            w.WriteNullField(103);
        });

        var buffer = new ReadOnlySequence<byte>(frame);
        Assert.True(_codec.TryReadFrame(ref buffer, out var read));

        Assert.Equal(5, read.Message!.CorrelationId);
        Assert.Equal(MessageDirection.OneWay, read.Message.Direction);
        Assert.Equal(new byte[] { 7, 7 }, read.Message.Body.ToArray());
    }

    [Fact]
    public void Frame_split_across_segments_is_read_only_once_complete()
    {
        var bytes = Encode(new Message { CorrelationId = 3, Direction = MessageDirection.OneWay, Body = new byte[300] });

        var partial = new ReadOnlySequence<byte>(bytes.AsMemory(0, bytes.Length - 1));
        Assert.False(_codec.TryReadFrame(ref partial, out _));
        Assert.Equal(bytes.Length - 1, partial.Length);

        var segmented = Segments.Create(bytes, splitAt: [2, 9, 150]);
        Assert.True(_codec.TryReadFrame(ref segmented, out var read));
        Assert.Equal(3, read.Message!.CorrelationId);
        Assert.Equal(300, read.Message.Body.Length);
        Assert.True(segmented.IsEmpty);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(64 * 1024 + 1)]
    [InlineData(int.MaxValue)]
    public void Frame_length_outside_the_accepted_range_is_a_FrameFormatException(int length)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
        Assert.Contains(length.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_frame_version_is_a_FrameFormatException()
    {
        var frame = BuildFrame(version: 2, FrameKind.Message, body: [], (ref Writer w) => WriteVarInt(ref w, 2, 1));
        var buffer = new ReadOnlySequence<byte>(frame);

        var error = Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
        Assert.Contains("version 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_frame_kind_is_a_FrameFormatException()
    {
        var frame = BuildFrame(version: 1, (FrameKind)77, body: [], (ref Writer w) => WriteVarInt(ref w, 2, 1));
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
    }

    [Fact]
    public void Header_length_beyond_the_frame_is_a_FrameFormatException()
    {
        // Version, kind, then a header length of 100 in a frame that holds 3 more bytes.
        byte[] bytes = [6, 0, 0, 0, 1, 1, 100, 1, 2, 3];
        var buffer = new ReadOnlySequence<byte>(bytes);

        var error = Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
        Assert.IsType<WireFormatException>(error.InnerException);
    }

    [Fact]
    public void Header_field_with_the_wrong_wire_type_is_a_FrameFormatException()
    {
        var frame = BuildFrame(version: 1, FrameKind.Message, body: [], (ref Writer w) =>
        {
            w.WriteFieldHeader(2, WireType.LengthPrefixed);
            w.WriteLengthPrefixed("request"u8);
        });
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
    }

    [Fact]
    public void Message_without_a_direction_is_a_FrameFormatException()
    {
        var frame = BuildFrame(version: 1, FrameKind.Message, body: [], (ref Writer w) => WriteVarInt(ref w, 1, 9));
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
    }

    [Fact]
    public void Target_grain_with_an_empty_key_is_a_FrameFormatException()
    {
        var frame = BuildFrame(version: 1, FrameKind.Message, body: [], (ref Writer w) =>
        {
            WriteVarInt(ref w, 2, (long)MessageDirection.Request);
            w.WriteFieldHeader(4, WireType.LengthPrefixed);
            w.WriteLengthPrefixed("room"u8);
            w.WriteFieldHeader(5, WireType.LengthPrefixed);
            w.WriteLengthPrefixed([]);
        });
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
    }

    [Fact]
    public void Invalid_utf8_in_a_header_string_is_a_FrameFormatException()
    {
        var frame = BuildFrame(version: 1, FrameKind.Message, body: [], (ref Writer w) =>
        {
            WriteVarInt(ref w, 2, (long)MessageDirection.Request);
            w.WriteFieldHeader(9, WireType.LengthPrefixed);
            w.WriteLengthPrefixed([0xC3, 0x28]);
        });
        var buffer = new ReadOnlySequence<byte>(frame);

        Assert.Throws<FrameFormatException>(() => _codec.TryReadFrame(ref buffer, out _));
    }

    [Fact]
    public void Message_larger_than_the_max_frame_size_is_refused_before_sending()
    {
        var message = new Message { Direction = MessageDirection.OneWay, Body = new byte[64 * 1024] };

        Assert.Throws<MessageTooLargeException>(() => _codec.Encode(message));
    }

    private delegate void HeaderWriter(ref Writer writer);

    private static void WriteVarInt(ref Writer writer, uint fieldId, long value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        if (fieldId == 1)
        {
            writer.WriteVarInt64(value);
        }
        else
        {
            writer.WriteVarUInt64((ulong)value);
        }
    }

    /// <summary>A frame built by hand, to put on the wire what this build's encoder never would.</summary>
    private static byte[] BuildFrame(byte version, FrameKind kind, byte[] body, HeaderWriter header)
    {
        var writer = new Writer(64);
        try
        {
            writer.WriteByte(version);
            writer.WriteByte((byte)kind);
            var start = writer.BeginLengthPrefixed();
            header(ref writer);
            writer.EndLengthPrefixed(start);
            writer.WriteBytes(body);
            var frame = new byte[4 + writer.Position];
            BinaryPrimitives.WriteInt32LittleEndian(frame, writer.Position);
            writer.WrittenSpan.CopyTo(frame.AsSpan(4));
            return frame;
        }
        finally
        {
            writer.Dispose();
        }
    }

    private byte[] Encode(Message message)
    {
        var output = new ArrayBufferWriter<byte>();
        _codec.Write(output, message);
        return output.WrittenSpan.ToArray();
    }

    private Message RoundTrip(Message message)
    {
        var buffer = new ReadOnlySequence<byte>(Encode(message));
        Assert.True(_codec.TryReadFrame(ref buffer, out var frame));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(FrameKind.Message, frame.Kind);
        return frame.Message!;
    }
}
