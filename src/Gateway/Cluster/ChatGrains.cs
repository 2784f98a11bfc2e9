using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Directory;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Cluster;

/// <summary>References to the chat grains (no I/O: a reference is just an address).</summary>
internal sealed class ChatGrains(IGrainFactory factory)
{
    public IGrainFactory Factory => factory;

    public IRoomGrain Room(string roomId) => factory.GetGrain<IRoomGrain>(roomId);

    public IUserGrain User(string userId) => factory.GetGrain<IUserGrain>(userId);

    public IDirectMessageGrain Direct(string threadKey) => factory.GetGrain<IDirectMessageGrain>(threadKey);

    public IChatDirectoryGrain Directory => factory.GetGrain<IChatDirectoryGrain>(ChatDirectory.Key);

    /// <summary>The room or DM thread a conversation id names; <c>validation.id</c> (a ChatException) for a malformed id.</summary>
    public IConversationGrain Conversation(string? conversationId) => factory.GetConversation(conversationId ?? string.Empty);
}
