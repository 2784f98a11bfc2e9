using System.Collections.Frozen;

namespace OrleansChat.Grains.Errors;

/// <summary>
/// Every stable error code the chat grains raise. Codes never change meaning once released; new
/// ones are added. The gateway maps each code's <see cref="ChatErrorCategory"/> to a status.
/// </summary>
public static class ChatErrorCodes
{
    public const string AuthRequired = "auth.required";
    public const string AuthForbidden = "auth.forbidden";
    public const string GuestForbidden = "auth.guest_forbidden";

    public const string TextEmpty = "validation.text_empty";
    public const string TextTooLong = "validation.text_too_long";
    public const string TextCharacters = "validation.text_characters";
    public const string InvalidName = "validation.name";
    public const string InvalidTopic = "validation.topic";
    public const string InvalidDisplayName = "validation.display_name";
    public const string InvalidBio = "validation.bio";
    public const string InvalidAvatarUrl = "validation.avatar_url";
    public const string InvalidStatus = "validation.status";
    public const string InvalidEmoji = "validation.emoji";
    public const string InvalidClientMessageId = "validation.client_message_id";
    public const string InvalidId = "validation.id";
    public const string InvalidPageLimit = "validation.page_limit";
    public const string InvalidPassword = "validation.password";
    public const string InvalidDuration = "validation.duration";
    public const string InvalidReason = "validation.reason";
    public const string InvalidGame = "validation.game";
    public const string InvalidArgument = "validation.argument";

    public const string UserNotFound = "user.not_found";
    public const string UserAlreadyRegistered = "user.already_registered";
    public const string UserNameTaken = "user.name_taken";
    public const string UserSelf = "user.self";
    public const string UserBlocked = "user.blocked";

    public const string FriendAlready = "friend.already_friends";
    public const string FriendRequestPending = "friend.request_pending";
    public const string FriendNoRequest = "friend.no_request";
    public const string FriendNotFriends = "friend.not_friends";

    public const string GameInviteNotFound = "game.invite_not_found";
    public const string GameInviteExpired = "game.invite_expired";
    public const string GameInviteClosed = "game.invite_closed";
    public const string GameInvitePending = "game.invite_pending";

    public const string RoomNotFound = "room.not_found";
    public const string RoomAlreadyExists = "room.already_exists";
    public const string RoomNameTaken = "room.name_taken";
    public const string RoomNotMember = "room.not_member";
    public const string RoomTargetNotMember = "room.target_not_member";
    public const string RoomAlreadyMember = "room.already_member";
    public const string RoomInviteRequired = "room.invite_required";
    public const string RoomPasswordRequired = "room.password_required";
    public const string RoomWrongPassword = "room.wrong_password";
    public const string RoomTooManyAttempts = "room.too_many_attempts";
    public const string RoomBanned = "room.banned";
    public const string RoomMuted = "room.muted";
    public const string RoomInsufficientRole = "room.insufficient_role";
    public const string RoomTargetOutranks = "room.target_outranks";
    public const string RoomOwnerMustTransfer = "room.owner_must_transfer";
    public const string RoomNotBanned = "room.not_banned";
    public const string RoomConflict = "room.conflict";

    public const string DmBlocked = "dm.blocked";
    public const string DmNotParticipant = "dm.not_participant";
    public const string DmInvalidThread = "dm.invalid_thread";

    public const string MessageNotFound = "message.not_found";
    public const string MessageRateLimited = "message.rate_limited";
    public const string MessageSpam = "message.spam";
    public const string MessageFiltered = "message.filtered";
    public const string MessageNotAuthor = "message.not_author";
    public const string MessageDeleted = "message.deleted";
    public const string MessageReplyNotFound = "message.reply_not_found";

    public const string StorageUnavailable = "storage.unavailable";
    public const string Internal = "internal.error";

    private static readonly FrozenDictionary<string, (ChatErrorCategory Category, string Meaning)> Known =
        new Dictionary<string, (ChatErrorCategory, string)>(StringComparer.Ordinal)
        {
            [AuthRequired] = (ChatErrorCategory.Unauthenticated, "The call carries no caller identity."),
            [AuthForbidden] = (ChatErrorCategory.Forbidden, "The caller may act only on their own account."),
            [GuestForbidden] = (ChatErrorCategory.Forbidden, "Guests may not do this (create rooms, friend requests, game invites)."),
            [TextEmpty] = (ChatErrorCategory.Invalid, "Message text is empty after trimming."),
            [TextTooLong] = (ChatErrorCategory.Invalid, "Message text is longer than the limit (4,000 characters)."),
            [TextCharacters] = (ChatErrorCategory.Invalid, "Text contains control characters (other than newline and tab) or lone surrogates."),
            [InvalidName] = (ChatErrorCategory.Invalid, "A user or room name is not 3-32 characters of A-Z a-z 0-9 _ . - starting with a letter or digit."),
            [InvalidTopic] = (ChatErrorCategory.Invalid, "A room topic is longer than 256 characters or not a single line."),
            [InvalidDisplayName] = (ChatErrorCategory.Invalid, "A display name is not 1-64 characters on one line."),
            [InvalidBio] = (ChatErrorCategory.Invalid, "A bio is longer than 1,000 characters or has invalid characters."),
            [InvalidAvatarUrl] = (ChatErrorCategory.Invalid, "An avatar is not an https URL or a server path."),
            [InvalidStatus] = (ChatErrorCategory.Invalid, "A custom status is longer than 128 characters or not a single line."),
            [InvalidEmoji] = (ChatErrorCategory.Invalid, "A reaction is not 1-64 characters without spaces or control characters."),
            [InvalidClientMessageId] = (ChatErrorCategory.Invalid, "A client message id is not 1-64 characters of A-Z a-z 0-9 _ . : -."),
            [InvalidId] = (ChatErrorCategory.Invalid, "A user, room or node id is not 1-64 characters of A-Z a-z 0-9 _ . -."),
            [InvalidPageLimit] = (ChatErrorCategory.Invalid, "A page limit is outside 1-100."),
            [InvalidPassword] = (ChatErrorCategory.Invalid, "A room password is missing, not 4-128 characters, or given where none applies."),
            [InvalidDuration] = (ChatErrorCategory.Invalid, "A duration is not positive or longer than a year."),
            [InvalidReason] = (ChatErrorCategory.Invalid, "A reason is longer than 512 characters or not a single line."),
            [InvalidGame] = (ChatErrorCategory.Invalid, "A game name is not 1-64 characters on one line."),
            [InvalidArgument] = (ChatErrorCategory.Invalid, "An argument is out of range or inconsistent with another."),
            [UserNotFound] = (ChatErrorCategory.NotFound, "No registered user with that id."),
            [UserAlreadyRegistered] = (ChatErrorCategory.Conflict, "This user id is already registered."),
            [UserNameTaken] = (ChatErrorCategory.Conflict, "The username is taken (names compare case-insensitively)."),
            [UserSelf] = (ChatErrorCategory.Invalid, "The action cannot target the caller."),
            [UserBlocked] = (ChatErrorCategory.Forbidden, "One of the two users blocks the other."),
            [FriendAlready] = (ChatErrorCategory.Conflict, "The users are already friends."),
            [FriendRequestPending] = (ChatErrorCategory.Conflict, "A friend request to this user is already pending."),
            [FriendNoRequest] = (ChatErrorCategory.NotFound, "There is no pending friend request to act on."),
            [FriendNotFriends] = (ChatErrorCategory.NotFound, "The users are not friends."),
            [GameInviteNotFound] = (ChatErrorCategory.NotFound, "No such game invitation for the caller."),
            [GameInviteExpired] = (ChatErrorCategory.Conflict, "The game invitation expired."),
            [GameInviteClosed] = (ChatErrorCategory.Conflict, "The game invitation was already answered or cancelled."),
            [GameInvitePending] = (ChatErrorCategory.Conflict, "A game invitation to this user is already pending."),
            [RoomNotFound] = (ChatErrorCategory.NotFound, "No such room, or it was deleted."),
            [RoomAlreadyExists] = (ChatErrorCategory.Conflict, "A room with this id exists (or existed)."),
            [RoomNameTaken] = (ChatErrorCategory.Conflict, "Another live room has this name (case-insensitive)."),
            [RoomNotMember] = (ChatErrorCategory.Forbidden, "The caller is not a member of the room."),
            [RoomTargetNotMember] = (ChatErrorCategory.NotFound, "The target user is not a member of the room."),
            [RoomAlreadyMember] = (ChatErrorCategory.Conflict, "The target user is already a member."),
            [RoomInviteRequired] = (ChatErrorCategory.Forbidden, "The room is private; joining needs an invitation."),
            [RoomPasswordRequired] = (ChatErrorCategory.Forbidden, "The room needs a password."),
            [RoomWrongPassword] = (ChatErrorCategory.Forbidden, "The room password is wrong."),
            [RoomTooManyAttempts] = (ChatErrorCategory.RateLimited, "Too many wrong passwords; try later."),
            [RoomBanned] = (ChatErrorCategory.Forbidden, "The caller is banned from the room."),
            [RoomMuted] = (ChatErrorCategory.Forbidden, "The caller is muted in the room."),
            [RoomInsufficientRole] = (ChatErrorCategory.Forbidden, "The caller's role does not allow this action."),
            [RoomTargetOutranks] = (ChatErrorCategory.Forbidden, "The target's role is equal to or higher than the caller's."),
            [RoomOwnerMustTransfer] = (ChatErrorCategory.Conflict, "The owner must transfer ownership (or delete the room) before leaving."),
            [RoomNotBanned] = (ChatErrorCategory.NotFound, "The user is not banned."),
            [RoomConflict] = (ChatErrorCategory.Conflict, "The room changed concurrently; retry."),
            [DmBlocked] = (ChatErrorCategory.Forbidden, "One participant blocks the other."),
            [DmNotParticipant] = (ChatErrorCategory.Forbidden, "The caller is not a participant of this direct-message thread."),
            [DmInvalidThread] = (ChatErrorCategory.Invalid, "A direct-message thread key is not two distinct user ids."),
            [MessageNotFound] = (ChatErrorCategory.NotFound, "No message with this sequence number."),
            [MessageRateLimited] = (ChatErrorCategory.RateLimited, "Too many messages in this conversation; slow down."),
            [MessageSpam] = (ChatErrorCategory.RateLimited, "The same text was sent too often."),
            [MessageFiltered] = (ChatErrorCategory.Invalid, "The text contains a blocked word."),
            [MessageNotAuthor] = (ChatErrorCategory.Forbidden, "Only the author may do this to the message."),
            [MessageDeleted] = (ChatErrorCategory.Conflict, "The message was deleted."),
            [MessageReplyNotFound] = (ChatErrorCategory.Invalid, "The replied-to message does not exist."),
            [StorageUnavailable] = (ChatErrorCategory.Unavailable, "The database failed; nothing was acknowledged. Retry with the same client message id."),
            [Internal] = (ChatErrorCategory.Internal, "Unexpected failure."),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every code with its category and meaning (for documentation and gateway mapping tables).</summary>
    public static IReadOnlyDictionary<string, (ChatErrorCategory Category, string Meaning)> All => Known;

    /// <summary>The category of <paramref name="code"/>; <see cref="ChatErrorCategory.Internal"/> for an unknown code.</summary>
    public static ChatErrorCategory CategoryOf(string code) =>
        Known.TryGetValue(code, out var entry) ? entry.Category : ChatErrorCategory.Internal;

    /// <summary>True for <c>area.name</c> with lower-case letters, digits and underscores.</summary>
    public static bool IsWellFormed(string code)
    {
        var dot = code.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == code.Length - 1 || code.Length > 64)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
