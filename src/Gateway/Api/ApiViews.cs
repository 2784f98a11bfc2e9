using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Api;

/// <summary>Maps grain results to the API's contracts (messages need I/O: see <see cref="Messages.MessageViewFactory"/>).</summary>
internal static class ApiViews
{
    public static RoomView Room(RoomInfo room) => new(
        room.RoomId, room.ConversationId, room.Name, room.Topic, ApiText.Visibility(room.Visibility), room.OwnerId,
        room.MemberCount, room.CreatedAt, room.LastSeq, ApiText.Role(room.CallerRole), room.CallerRole is not null);

    public static RoomSummaryView RoomSummary(RoomSummary room) => new(room.RoomId, room.Name, room.Topic, ApiText.Visibility(room.Visibility), room.MemberCount);

    public static BanView Ban(RoomBan ban) => new(ban.UserId, ban.BannedBy, ban.Reason, ban.CreatedAt, ban.ExpiresAt);

    public static AuditEntryView Audit(AuditEntry entry) => new(
        entry.Id, entry.OccurredAt, entry.ActorId, entry.Action, entry.TargetKind, entry.TargetId, entry.Reason, entry.Details);

    public static RevisionView Revision(MessageRevision revision) => new(revision.Seq, revision.PreviousText, revision.RevisedBy, revision.RevisedAt);

    public static ReadPositionView ReadPosition(ReadPosition position) => new(position.UserId, position.Seq);

    public static ReactionResultView Reaction(ReactionResult result) => new(result.Seq, result.Emoji, result.Added, result.Count);

    public static UserProfileView Profile(UserProfile profile) => new(
        profile.UserId, profile.Username, profile.DisplayName, profile.AvatarUrl, profile.Bio, profile.IsGuest, profile.CreatedAt,
        ApiText.Presence(profile.Presence), profile.CustomStatus);

    public static UserSummaryView UserSummary(UserSummary user) => new(user.UserId, user.Username, user.DisplayName);

    public static GameInviteView Invite(GameInvite invite) => new(
        invite.InviteId, invite.FromUserId, invite.ToUserId, invite.Game, ApiText.InviteStatus(invite.Status), invite.CreatedAt, invite.ExpiresAt);

    public static NotificationView Notification(Notification notification) => new(
        notification.Id, ApiText.NotificationKind(notification.Kind), notification.ActorId, notification.ConversationId, notification.Seq,
        notification.Text, notification.CreatedAt, notification.IsRead);

    public static ConversationView Conversation(ConversationSummary summary) => new(
        summary.ConversationId, ApiText.ConversationKind(summary.Kind), summary.TargetId, summary.Title, ApiText.Role(summary.Role),
        summary.LastSeq, summary.LastReadSeq, summary.UnreadCount);

    public static DmThreadView Thread(DirectThreadInfo thread) => new(thread.ConversationId, thread.OtherUserId, thread.CreatedAt, thread.LastSeq, thread.Blocked);
}
