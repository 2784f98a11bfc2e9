using System.Buffers;
using System.Text;
using System.Text.Json;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Tests.Protocol;

public sealed class HubMessageWriterTests
{
    [Fact]
    public void A_Send_invocation_is_one_JSON_record_ending_in_the_separator()
    {
        var output = new ArrayBufferWriter<byte>();
        HubMessageWriter.WriteInvocation(output, 12, "Send"u8, new SendArguments("room:r", "cmid-1", 999, 7, 64));

        var bytes = output.WrittenSpan;
        Assert.Equal(RecordFramer.RecordSeparator, bytes[^1]);
        using var json = JsonDocument.Parse(bytes[..^1].ToArray());
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("type").GetInt32());
        Assert.Equal("12", root.GetProperty("invocationId").GetString());
        Assert.Equal("Send", root.GetProperty("target").GetString());
        var args = root.GetProperty("arguments");
        Assert.Equal(4, args.GetArrayLength());
        Assert.Equal("room:r", args[0].GetString());
        Assert.Equal("cmid-1", args[1].GetString());
        var text = args[2].GetString()!;
        Assert.Equal(64, text.Length);
        Assert.True(LatencyStamp.TryRead(Encoding.UTF8.GetBytes(text), out var stamp, out var sender));
        Assert.Equal((999L, 7), (stamp, sender));
        Assert.Equal(JsonValueKind.Null, args[3].ValueKind);
    }

    [Fact]
    public void A_Subscribe_without_a_last_seen_sequence_sends_null()
    {
        var output = new ArrayBufferWriter<byte>();
        HubMessageWriter.WriteInvocation(output, 1, "Subscribe"u8, new SubscribeArguments("dm:a:b", null));

        Assert.Equal("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"dm:a:b\",null]}\u001e", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Fire_and_forget_invocations_stream_invocations_and_cancels_have_the_protocol_shapes()
    {
        var invocation = new ArrayBufferWriter<byte>();
        HubMessageWriter.WriteInvocation(invocation, -1, "Typing"u8, new ConversationArgument("room:r"));
        var stream = new ArrayBufferWriter<byte>();
        HubMessageWriter.WriteStreamInvocation(stream, 4, "Counter"u8, new NoArguments());
        var cancel = new ArrayBufferWriter<byte>();
        HubMessageWriter.WriteCancelInvocation(cancel, 4);

        Assert.Equal("{\"type\":1,\"target\":\"Typing\",\"arguments\":[\"room:r\"]}\u001e", Encoding.UTF8.GetString(invocation.WrittenSpan));
        Assert.Equal("{\"type\":4,\"invocationId\":\"4\",\"target\":\"Counter\",\"arguments\":[]}\u001e", Encoding.UTF8.GetString(stream.WrittenSpan));
        Assert.Equal("{\"type\":5,\"invocationId\":\"4\"}\u001e", Encoding.UTF8.GetString(cancel.WrittenSpan));
    }

    [Fact]
    public void The_handshake_and_ping_are_the_JSON_protocol_records() =>
        Assert.Equal(("{\"protocol\":\"json\",\"version\":1}\u001e", "{\"type\":6}\u001e"),
            (Encoding.UTF8.GetString(HubMessageWriter.Handshake), Encoding.UTF8.GetString(HubMessageWriter.Ping)));

    [Fact]
    public void The_seq_of_a_send_result_is_read_whatever_else_it_holds()
    {
        Assert.Equal(5, SendInvocation.ReadSeq("{\"messageId\":\"x\",\"sentAt\":\"2026-01-01T00:00:00Z\",\"seq\":5}"u8));
        Assert.Equal(-1, SendInvocation.ReadSeq("{\"messageId\":\"x\"}"u8));
        Assert.Equal(-1, SendInvocation.ReadSeq("null"u8));
    }
}
