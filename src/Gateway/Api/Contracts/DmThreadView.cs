namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A direct-message thread.</summary>
/// <param name="ConversationId"><c>dm:&lt;userA&gt;:&lt;userB&gt;</c>.</param>
/// <param name="OtherUserId">The other participant.</param>
/// <param name="CreatedAt">When the thread started.</param>
/// <param name="LastSeq">Newest sequence number.</param>
/// <param name="Blocked">One of the two blocks the other: posting is refused.</param>
public sealed record DmThreadView(
    string ConversationId,
    string OtherUserId,
    DateTimeOffset CreatedAt,
    long LastSeq,
    bool Blocked);
