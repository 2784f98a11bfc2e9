using System.Text;
using OrleansChat.LoadTest.Protocol;

namespace OrleansChat.LoadTest.Tests.Protocol;

public sealed class HubRecordTests
{
    [Fact]
    public void A_MessagePosted_invocation_yields_conversation_seq_and_text_whatever_the_field_order()
    {
        var record = Bytes("""
            {"arguments":[{"text":"lt:1:2:xx","mentions":[],"seq":42,"reactions":[{"emoji":"👍","userIds":["a"]}],"senderId":"u1","conversationId":"room:r1","sentAt":"2026-01-01T00:00:00Z","editedAt":null}],"target":"MessagePosted","type":1}
            """);

        var message = HubRecord.Parse(record);
        var view = MessageViewReader.ReadFirstArgument(message.Arguments);

        Assert.Equal(HubMessageType.Invocation, message.Type);
        Assert.True(message.TargetIs("MessagePosted"u8));
        Assert.Equal("room:r1", Encoding.UTF8.GetString(view.ConversationId));
        Assert.Equal(42, view.Seq);
        Assert.Equal("lt:1:2:xx", Encoding.UTF8.GetString(view.Text));
    }

    [Fact]
    public void Escaped_strings_are_decoded()
    {
        var record = Bytes("""{"type":1,"target":"Message\u0050osted","arguments":[{"conversationId":"room:\u0041","seq":1,"text":"a\"b"}]}""");

        var message = HubRecord.Parse(record);
        var view = MessageViewReader.ReadFirstArgument(message.Arguments);

        Assert.True(message.TargetIs("MessagePosted"u8));
        Assert.Equal("room:A", Encoding.UTF8.GetString(view.ConversationId));
        Assert.Equal("a\"b", Encoding.UTF8.GetString(view.Text));
    }

    [Fact]
    public void A_completion_carries_its_invocation_id_and_raw_result()
    {
        var message = HubRecord.Parse(Bytes("""{"type":3,"invocationId":"17","result":{"seq":5,"messageId":"m"}}"""));

        Assert.Equal(HubMessageType.Completion, message.Type);
        Assert.Equal(17, message.InvocationNumber);
        Assert.True(message.HasResult);
        Assert.Equal("""{"seq":5,"messageId":"m"}""", Encoding.UTF8.GetString(message.Result));
        Assert.Null(message.Error);
    }

    [Fact]
    public void A_failed_completion_carries_the_error_and_its_code()
    {
        var message = HubRecord.Parse(Bytes("""{"type":3,"invocationId":"3","error":"[room.banned] You are banned from this room."}"""));

        Assert.False(message.HasResult);
        Assert.Equal("room.banned", HubErrorCode.From(message.Error));
    }

    [Fact]
    public void Stream_items_pings_and_close_messages_are_recognised()
    {
        var item = HubRecord.Parse(Bytes("""{"type":2,"invocationId":"9","item":[1,2]}"""));
        var ping = HubRecord.Parse(Bytes("""{"type":6}"""));
        var close = HubRecord.Parse(Bytes("""{"type":7,"error":"Server shutting down","allowReconnect":true}"""));
        var handshake = HubRecord.Parse(Bytes("{}"));

        Assert.Equal(HubMessageType.StreamItem, item.Type);
        Assert.Equal("[1,2]", Encoding.UTF8.GetString(item.Item));
        Assert.Equal(HubMessageType.Ping, ping.Type);
        Assert.Equal(HubMessageType.Close, close.Type);
        Assert.True(close.AllowReconnect);
        Assert.Equal("Server shutting down", close.Error);
        Assert.Equal(HubMessageType.None, handshake.Type);
        Assert.Null(handshake.Error);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":1")]
    [InlineData("{\"type\":\"one\"}")]
    public void A_malformed_record_is_refused_as_invalid_data(string text) =>
        Assert.Throws<InvalidDataException>(() => HubRecord.Parse(Bytes(text)));

    [Theory]
    [InlineData("[rate_limited] Slow down.", "rate_limited")]
    [InlineData("[room.not_member] Join first.", "room.not_member")]
    [InlineData("An unexpected error occurred invoking 'Send' on the server.", HubErrorCode.Unclassified)]
    [InlineData("Failed to invoke 'Send' due to an error on the server.", "hub.invoke_failed")]
    [InlineData("[not a code] text", HubErrorCode.Unclassified)]
    [InlineData("An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] You are banned.", "room.banned")]
    [InlineData("An unexpected error occurred invoking 'Send' on the server. HubException: no code here", HubErrorCode.Unclassified)]
    [InlineData(null, HubErrorCode.Unclassified)]
    public void Error_codes_come_from_the_bracketed_prefix(string? error, string code) =>
        Assert.Equal(code, HubErrorCode.From(error));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
