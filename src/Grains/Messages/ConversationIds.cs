using System.Diagnostics.CodeAnalysis;
using OrleansChat.Grains.DirectMessages;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Conversation ids name a message log: <c>room:{roomId}</c> or <c>dm:{userA}:{userB}</c> (the two
/// user ids in ordinal order). Read positions, notifications and events carry them.
/// </summary>
public static class ConversationIds
{
    public const string RoomPrefix = "room:";
    public const string DirectPrefix = "dm:";

    public static string ForRoom(string roomId) => RoomPrefix + roomId;

    public static string ForDirect(string threadKey) => DirectPrefix + threadKey;

    public static string ForDirect(string userId, string otherUserId) => ForDirect(DirectThreadKey.For(userId, otherUserId));

    /// <summary>Splits a conversation id into its kind and grain key.</summary>
    public static bool TryParse(string? conversationId, out ConversationKind kind, [NotNullWhen(true)] out string? key)
    {
        kind = default;
        key = null;
        if (conversationId is null)
        {
            return false;
        }

        if (conversationId.StartsWith(RoomPrefix, StringComparison.Ordinal) && conversationId.Length > RoomPrefix.Length)
        {
            kind = ConversationKind.Room;
            key = conversationId[RoomPrefix.Length..];
            return true;
        }

        if (conversationId.StartsWith(DirectPrefix, StringComparison.Ordinal) && DirectThreadKey.TryParse(conversationId[DirectPrefix.Length..], out _, out _))
        {
            kind = ConversationKind.Direct;
            key = conversationId[DirectPrefix.Length..];
            return true;
        }

        return false;
    }
}
