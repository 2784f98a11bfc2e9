namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A room as the caller sees it.</summary>
/// <param name="RoomId">The room id (use it in paths).</param>
/// <param name="ConversationId"><c>room:&lt;roomId&gt;</c>, for the hub.</param>
/// <param name="Name">Unique name (3-32 characters).</param>
/// <param name="Topic">Topic (may be empty).</param>
/// <param name="Visibility"><c>public</c>, <c>private</c> (invite-only) or <c>password</c>.</param>
/// <param name="OwnerId">The owner's user id.</param>
/// <param name="MemberCount">Members.</param>
/// <param name="CreatedAt">When the room was created.</param>
/// <param name="LastSeq">Sequence number of the newest message.</param>
/// <param name="MyRole">The caller's role (<c>owner</c>, <c>admin</c>, <c>member</c>), null when not a member.</param>
/// <param name="IsMember">Whether the caller is a member.</param>
public sealed record RoomView(
    string RoomId,
    string ConversationId,
    string Name,
    string Topic,
    string Visibility,
    string OwnerId,
    int MemberCount,
    DateTimeOffset CreatedAt,
    long LastSeq,
    string? MyRole,
    bool IsMember);
