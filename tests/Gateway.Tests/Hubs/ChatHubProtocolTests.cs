using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs;

namespace OrleansChat.Gateway.Tests.Hubs;

public sealed class ChatHubProtocolTests
{
    [Theory]
    [InlineData("An unexpected error occurred invoking 'Send' on the server. HubException: [room.banned] You are banned.", "[room.banned] You are banned.")]
    [InlineData("[rate_limited] Too many requests; slow down.", "[rate_limited] Too many requests; slow down.")]
    [InlineData("Failed to invoke 'Send' due to an error on the server.", "[request.invalid] Failed to invoke 'Send' due to an error on the server.")]
    [InlineData("An unexpected error occurred invoking 'Send' on the server.", "[server.error] An unexpected error occurred invoking 'Send' on the server.")]
    public void Errors_reach_clients_starting_with_their_code(string serverText, string clientText)
    {
        Assert.Equal(clientText, ChatHubProtocol.ClientError(serverText));
    }

    [Fact]
    public void A_batch_of_posted_messages_is_written_as_one_ordinary_MessagePosted_record_per_message_in_order()
    {
        var protocol = new ChatHubProtocol(Options.Create(new JsonHubProtocolOptions()));
        var views = Enumerable.Range(1, 3).Select(View).ToArray();
        var one = string.Concat(views.Select(v => Encoding.UTF8.GetString(protocol.GetMessageBytes(new InvocationMessage("MessagePosted", [v])).Span)));

        var batch = new InvocationMessage("MessagePosted", [new PostedBatch(views)]);
        var written = new ArrayBufferWriter<byte>();
        protocol.WriteMessage(batch, written);

        Assert.Equal(one, Encoding.UTF8.GetString(protocol.GetMessageBytes(batch).Span));
        Assert.Equal(one, Encoding.UTF8.GetString(written.WrittenSpan));

        // Read back as a client would: three invocations of MessagePosted, seq 1, 2, 3.
        var input = new ReadOnlySequence<byte>(written.WrittenMemory);
        var seqs = new List<long>();
        while (protocol.TryParseMessage(ref input, new ViewBinder(), out var message))
        {
            var invocation = Assert.IsType<InvocationMessage>(message);
            Assert.Equal("MessagePosted", invocation.Target);
            seqs.Add(Assert.IsType<MessageView>(Assert.Single(invocation.Arguments)).Seq);
        }

        Assert.Equal([1L, 2L, 3L], seqs);
        Assert.True(input.IsEmpty);
    }

    private static MessageView View(int seq) =>
        new("room:r1", seq, $"room:r1#{seq}", "u1", "alice", $"text {seq} <b>", DateTimeOffset.UnixEpoch.AddSeconds(seq), null, false, null, [], []);

    private sealed class ViewBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(MessageView)];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
