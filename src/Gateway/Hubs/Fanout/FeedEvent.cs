using Microsoft.AspNetCore.SignalR.Protocol;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs.Contracts;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// One hub event of a conversation, built (names and reactions resolved) once and written to the
/// conversation's connections, serialized once for all of them.
/// </summary>
/// <param name="Target">The <see cref="IChatClient"/> method the event invokes.</param>
/// <param name="Payload">Its one argument.</param>
/// <param name="PostedSeq">The sequence number of a <c>MessagePosted</c> event; null for every other event.</param>
internal sealed record FeedEvent(string Target, object Payload, long? PostedSeq = null)
{
    public InvocationMessage ToMessage() => new(Target, [Payload]);

    public static FeedEvent Posted(MessageView message) => new(nameof(IChatClient.MessagePosted), message, message.Seq);

    /// <summary>Several messages, in order, as one write per connection (see <see cref="PostedBatch"/>).</summary>
    public static InvocationMessage PostedMany(IReadOnlyList<MessageView> messages) => new(nameof(IChatClient.MessagePosted), [new PostedBatch(messages)]);

    public static FeedEvent Edited(MessageView message) => new(nameof(IChatClient.MessageEdited), message);

    public static FeedEvent Deleted(MessageDeletedPayload payload) => new(nameof(IChatClient.MessageDeleted), payload);

    public static FeedEvent Reactions(ReactionsChangedPayload payload) => new(nameof(IChatClient.ReactionsChanged), payload);

    public static FeedEvent Typing(TypingPayload payload) => new(nameof(IChatClient.Typing), payload);

    public static FeedEvent Membership(MembershipChangedPayload payload) => new(nameof(IChatClient.MembershipChanged), payload);

    public static FeedEvent Read(ReadReceiptPayload payload) => new(nameof(IChatClient.ReadReceipt), payload);
}
