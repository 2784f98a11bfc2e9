using OrleansChat.Gateway.Api.Contracts;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// Several <c>MessagePosted</c> events of one conversation sent to a group in one write. The
/// argument of a <c>MessagePosted</c> invocation that <see cref="ChatHubProtocol"/> writes as one
/// ordinary <c>MessagePosted</c> record per message, back to back: clients see exactly the events
/// they would have seen one by one, but each connection gets them in one pipe write, one flush and
/// one WebSocket frame instead of one each (the per-delivery cost of a hot room; issue 8).
/// </summary>
internal sealed class PostedBatch(IReadOnlyList<MessageView> messages)
{
    public IReadOnlyList<MessageView> Messages { get; } = messages;
}
