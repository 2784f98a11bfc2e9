namespace OrleansChat.Grains.Moderation;

/// <summary>Stable names of audited actions (the <c>action</c> column of <c>chat_audit_log</c>).</summary>
public static class AuditActions
{
    public const string RoomCreated = "room.create";
    public const string RoomUpdated = "room.update";
    public const string RoomDeleted = "room.delete";
    public const string OwnershipTransferred = "room.transfer";
    public const string MemberKicked = "member.kick";
    public const string MemberBanned = "member.ban";
    public const string MemberUnbanned = "member.unban";
    public const string MemberMuted = "member.mute";
    public const string MemberUnmuted = "member.unmute";
    public const string MemberPromoted = "member.promote";
    public const string MemberDemoted = "member.demote";
    public const string MessageRemoved = "message.remove";
    public const string UserBlocked = "user.block";
}
