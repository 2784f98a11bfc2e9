namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>One of the caller's conversations with its read position and unread count.</summary>
/// <param name="ConversationId">The conversation id.</param>
/// <param name="Kind"><c>room</c> or <c>dm</c>.</param>
/// <param name="TargetId">The room id, or the other participant's user id.</param>
/// <param name="Title">The room name or the other user's name.</param>
/// <param name="Role">The caller's role in a room.</param>
/// <param name="LastSeq">Newest sequence number.</param>
/// <param name="LastReadSeq">The caller's read position.</param>
/// <param name="UnreadCount">Messages by others after the read position (counted up to 1,000).</param>
public sealed record ConversationView(
    string ConversationId,
    string Kind,
    string TargetId,
    string? Title,
    string? Role,
    long LastSeq,
    long LastReadSeq,
    int UnreadCount);
