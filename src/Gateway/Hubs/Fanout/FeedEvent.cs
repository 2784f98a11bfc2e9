using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs.Contracts;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// One hub event of a conversation, built (names and reactions resolved) once and sent to the
/// conversation's SignalR group, which serializes it once for all its connections.
/// </summary>
internal abstract record FeedEvent
{
    /// <summary>The sequence number of a <c>MessagePosted</c> event; null for every other event.</summary>
    public virtual long? PostedSeq => null;

    public abstract Task SendAsync(IChatClient client);

    public static FeedEvent Posted(MessageView message) => new PostedEvent(message);

    public static FeedEvent Edited(MessageView message) => new Sent(c => c.MessageEdited(message));

    public static FeedEvent Deleted(MessageDeletedPayload payload) => new Sent(c => c.MessageDeleted(payload));

    public static FeedEvent Reactions(ReactionsChangedPayload payload) => new Sent(c => c.ReactionsChanged(payload));

    public static FeedEvent Typing(TypingPayload payload) => new Sent(c => c.Typing(payload));

    public static FeedEvent Membership(MembershipChangedPayload payload) => new Sent(c => c.MembershipChanged(payload));

    public static FeedEvent Read(ReadReceiptPayload payload) => new Sent(c => c.ReadReceipt(payload));

    private sealed record PostedEvent(MessageView Message) : FeedEvent
    {
        public override long? PostedSeq => Message.Seq;

        public override Task SendAsync(IChatClient client) => client.MessagePosted(Message);
    }

    private sealed record Sent(Func<IChatClient, Task> Send) : FeedEvent
    {
        public override Task SendAsync(IChatClient client) => Send(client);
    }
}
