using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Rooms;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>Lets a gateway turn a conversation id from a client into the grain that owns it.</summary>
public static class ConversationGrainFactoryExtensions
{
    /// <summary>The room or DM grain for <paramref name="conversationId"/>; <c>validation.id</c> for anything else.</summary>
    public static IConversationGrain GetConversation(this IGrainFactory grainFactory, string conversationId)
    {
        ArgumentNullException.ThrowIfNull(grainFactory);
        if (!ConversationIds.TryParse(conversationId, out var kind, out var key) || (kind == ConversationKind.Room && !Validation.IdRules.IsValidId(key)))
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidId, "A conversation id is 'room:{roomId}' or 'dm:{userA}:{userB}'.");
        }

        return kind == ConversationKind.Room
            ? grainFactory.GetGrain<IRoomGrain>(key)
            : grainFactory.GetGrain<IDirectMessageGrain>(key);
    }
}
