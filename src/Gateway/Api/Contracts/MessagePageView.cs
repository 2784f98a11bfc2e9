namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A page of history in ascending order.</summary>
/// <param name="Messages">The messages, oldest first.</param>
/// <param name="HasMore">More messages exist in the direction asked (before: older; after: newer).</param>
/// <param name="LastSeq">The conversation's newest sequence number.</param>
public sealed record MessagePageView(
    IReadOnlyList<MessageView> Messages,
    bool HasMore,
    long LastSeq);
