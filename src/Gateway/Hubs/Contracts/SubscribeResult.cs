using OrleansChat.Gateway.Api.Contracts;

namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Result of <c>Subscribe</c>: the messages missed since <c>lastSeenSeq</c>, and the seam with live events.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Missed">Every message after <c>lastSeenSeq</c> up to <paramref name="LatestSeq"/>, in order (at most 500; empty when <c>lastSeenSeq</c> was null).</param>
/// <param name="LatestSeq">Live <c>MessagePosted</c> events for this conversation all have a larger seq: no gap, no duplicate at the seam.</param>
/// <param name="HasMore">More than 500 were missed: <paramref name="Missed"/> holds the oldest 500; page the rest with REST <c>after=</c> up to <paramref name="LatestSeq"/>.</param>
public sealed record SubscribeResult(
    string ConversationId,
    IReadOnlyList<MessageView> Missed,
    long LatestSeq,
    bool HasMore);
