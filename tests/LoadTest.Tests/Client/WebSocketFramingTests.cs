using System.Buffers.Binary;
using System.Text;
using OrleansChat.LoadTest.Client;

namespace OrleansChat.LoadTest.Tests.Client;

public sealed class WebSocketFramingTests
{
    [Fact]
    public void Frames_split_at_every_byte_give_the_same_payload_and_controls()
    {
        var stream = Concat(
            ServerFrame(WebSocketOpcode.Text, "hello "u8.ToArray(), fin: false),
            ServerFrame(WebSocketOpcode.Ping, "p"u8.ToArray()),
            ServerFrame(WebSocketOpcode.Continuation, "world"u8.ToArray()),
            ServerFrame(WebSocketOpcode.Close, [0x03, 0xE8, (byte)'b', (byte)'y', (byte)'e']));

        foreach (var chunk in new[] { 1, 2, 3, 7, stream.Length })
        {
            var reader = new WebSocketFrameReader();
            var sink = new FrameCollector();
            foreach (var piece in stream.Chunk(chunk))
            {
                reader.Feed(piece, sink);
            }

            Assert.Equal("hello world", sink.Payload);
            Assert.Equal([(WebSocketOpcode.Ping, "p"), (WebSocketOpcode.Close, "\u0003\u00e8bye")], sink.Controls);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(65_535)]
    [InlineData(65_536)]
    [InlineData(200_000)]
    public void Payload_lengths_in_7_16_and_64_bits_are_read(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
        var reader = new WebSocketFrameReader();
        var sink = new FrameCollector();

        foreach (var piece in ServerFrame(WebSocketOpcode.Binary, payload).Chunk(4096))
        {
            reader.Feed(piece, sink);
        }

        Assert.Equal(Encoding.ASCII.GetString(payload), sink.Payload);
    }

    [Fact]
    public void A_masked_server_frame_is_a_protocol_error()
    {
        var frame = new byte[] { 0x81, 0x81, 1, 2, 3, 4, (byte)'x' };
        Assert.Throws<InvalidDataException>(() => new WebSocketFrameReader().Feed(frame, new FrameCollector()));
    }

    [Theory]
    [InlineData(new byte[] { 0xC1, 0x00 })]
    [InlineData(new byte[] { 0x83, 0x00 })]
    [InlineData(new byte[] { 0x09, 0x00 })]
    [InlineData(new byte[] { 0x89, 0x7E, 0x00, 0x7E })]
    public void Reserved_bits_unknown_opcodes_and_fragmented_or_long_control_frames_are_refused(byte[] frame) =>
        Assert.Throws<InvalidDataException>(() => new WebSocketFrameReader().Feed(frame, new FrameCollector()));

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(125)]
    [InlineData(126)]
    [InlineData(70_000)]
    public void A_written_frame_is_final_masked_and_unmasks_to_the_payload(int length)
    {
        var payload = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        var frame = new byte[length + WebSocketFrameWriter.MaxHeaderLength];
        const uint Key = 0xA1B2C3D4;

        var written = WebSocketFrameWriter.Write(WebSocketOpcode.Text, payload, frame, Key);

        Assert.Equal(0x81, frame[0]);
        Assert.True((frame[1] & 0x80) != 0, "client frames must be masked");
        var (headerLength, declared) = (frame[1] & 0x7F) switch
        {
            126 => (4, (long)BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(2))),
            127 => (10, (long)BinaryPrimitives.ReadUInt64BigEndian(frame.AsSpan(2))),
            var small => (2, (long)small),
        };
        Assert.Equal(length, declared);
        var key = frame.AsSpan(headerLength, 4).ToArray();
        var body = frame.AsSpan(headerLength + 4, length).ToArray();
        for (var i = 0; i < body.Length; i++)
        {
            body[i] ^= key[i % 4];
        }

        Assert.Equal(payload, body);
        Assert.Equal(headerLength + 4 + length, written);
    }

    private static byte[] ServerFrame(WebSocketOpcode opcode, byte[] payload, bool fin = true)
    {
        var header = new List<byte> { (byte)((fin ? 0x80 : 0) | (byte)opcode) };
        if (payload.Length <= 125)
        {
            header.Add((byte)payload.Length);
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            header.Add(126);
            header.AddRange([(byte)(payload.Length >> 8), (byte)payload.Length]);
        }
        else
        {
            header.Add(127);
            var length = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(length, (ulong)payload.Length);
            header.AddRange(length);
        }

        return [.. header, .. payload];
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private sealed class FrameCollector : IFrameSink
    {
        private readonly StringBuilder _payload = new();

        public string Payload => _payload.ToString();

        public List<(WebSocketOpcode, string)> Controls { get; } = [];

        public void OnPayload(ReadOnlySpan<byte> payload) => _payload.Append(Encoding.Latin1.GetString(payload));

        public void OnControl(WebSocketOpcode opcode, ReadOnlySpan<byte> payload) => Controls.Add((opcode, Encoding.Latin1.GetString(payload)));
    }
}
