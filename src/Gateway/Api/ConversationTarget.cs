using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Api;

/// <summary>The conversation a REST path names (<paramref name="Key"/> is the grain key): a room by id, or the DM thread between the caller and another user.</summary>
internal sealed record ConversationTarget(string ConversationId, string Key, IConversationGrain Grain)
{
    public static ConversationTarget Room(ChatGrains grains, string roomId) => new(ConversationIds.ForRoom(roomId), roomId, grains.Room(roomId));

    /// <summary>The caller's thread with <paramref name="otherUserId"/>; <c>dm.invalid_thread</c> for the caller's own id.</summary>
    public static ConversationTarget Direct(ChatGrains grains, ChatIdentity caller, string otherUserId)
    {
        if (otherUserId == caller.UserId)
        {
            throw ChatException.Create(ChatErrorCodes.DmInvalidThread, "A direct-message thread needs another user.");
        }

        var key = DirectThreadKey.For(caller.UserId, otherUserId);
        return new(ConversationIds.ForDirect(key), key, grains.Direct(key));
    }
}
