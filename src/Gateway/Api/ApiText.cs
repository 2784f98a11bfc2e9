using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Messages.Events;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;

namespace OrleansChat.Gateway.Api;

/// <summary>
/// The API's spelling of the domain's enumerations: short lower-case (or camelCase) words, fixed
/// here once, so renaming an enum member never changes the wire format.
/// </summary>
internal static class ApiText
{
    public static string Visibility(RoomVisibility visibility) => visibility switch
    {
        RoomVisibility.Private => "private",
        RoomVisibility.PasswordProtected => "password",
        _ => "public",
    };

    /// <summary>Parses a visibility; null when absent, false when not one of the words.</summary>
    public static bool TryParseVisibility(string? text, out RoomVisibility? visibility)
    {
        visibility = text switch
        {
            null => null,
            "public" => RoomVisibility.Public,
            "private" => RoomVisibility.Private,
            "password" => RoomVisibility.PasswordProtected,
            _ => (RoomVisibility)(-1),
        };
        return visibility is null || Enum.IsDefined(visibility.Value);
    }

    public static string Role(RoomRole role) => role switch
    {
        RoomRole.Owner => "owner",
        RoomRole.Admin => "admin",
        _ => "member",
    };

    public static string? Role(RoomRole? role) => role is { } value ? Role(value) : null;

    public static string Presence(PresenceStatus presence) => presence switch
    {
        PresenceStatus.Online => "online",
        PresenceStatus.Away => "away",
        _ => "offline",
    };

    public static string Friendship(FriendshipState state) => state switch
    {
        FriendshipState.Friends => "friends",
        FriendshipState.RequestSent => "outgoing",
        FriendshipState.RequestReceived => "incoming",
        _ => "none",
    };

    public static string InviteStatus(GameInviteStatus status) => status switch
    {
        GameInviteStatus.Accepted => "accepted",
        GameInviteStatus.Declined => "declined",
        GameInviteStatus.Cancelled => "cancelled",
        GameInviteStatus.Expired => "expired",
        _ => "pending",
    };

    public static string NotificationKind(NotificationKind kind) => kind switch
    {
        Grains.Notifications.NotificationKind.DirectMessage => "directMessage",
        Grains.Notifications.NotificationKind.Mention => "mention",
        Grains.Notifications.NotificationKind.FriendRequest => "friendRequest",
        Grains.Notifications.NotificationKind.FriendAccepted => "friendAccepted",
        Grains.Notifications.NotificationKind.GameInvite => "gameInvite",
        Grains.Notifications.NotificationKind.GameInviteAnswered => "gameInviteAnswered",
        Grains.Notifications.NotificationKind.RoomInvite => "roomInvite",
        _ => "moderation",
    };

    public static string ConversationKind(ConversationKind kind) => kind == Grains.Messages.ConversationKind.Direct ? "dm" : "room";

    public static string Membership(MembershipChange change) => change switch
    {
        MembershipChange.Joined => "joined",
        MembershipChange.Left => "left",
        MembershipChange.Kicked => "kicked",
        MembershipChange.Banned => "banned",
        MembershipChange.Unbanned => "unbanned",
        MembershipChange.Muted => "muted",
        MembershipChange.Unmuted => "unmuted",
        MembershipChange.RoleChanged => "roleChanged",
        _ => "invited",
    };

    /// <summary>The stable id of a message: its conversation and sequence number.</summary>
    public static string MessageId(string conversationId, long seq) => $"{conversationId}#{seq}";
}
