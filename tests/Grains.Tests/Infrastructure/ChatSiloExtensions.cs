using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>Set-up steps most tests share. Each runs as the user it acts for and leaves the test's own caller untouched.</summary>
public static class ChatSiloExtensions
{
    /// <summary>Registers a new user with a unique id and username; returns the id.</summary>
    public static async Task<string> NewUserAsync(this ChatSilo silo, string prefix = "u", bool guest = false)
    {
        var userId = Ids.New(prefix);
        if (guest)
        {
            As.Guest(userId);
        }
        else
        {
            As.User(userId);
        }

        await silo.User(userId).Register(new RegisterUserRequest(userId, $"Name of {prefix}"));
        return userId;
    }

    /// <summary>Creates a room owned by <paramref name="ownerId"/>; returns its id.</summary>
    public static async Task<string> NewRoomAsync(this ChatSilo silo, string ownerId, RoomVisibility visibility = RoomVisibility.Public, string? password = null)
    {
        var roomId = Ids.New("r");
        As.User(ownerId);
        await silo.Room(roomId).Create(new CreateRoomRequest(roomId, "a topic", visibility, password));
        return roomId;
    }

    public static async Task JoinAsync(this ChatSilo silo, string roomId, string userId, string? password = null)
    {
        As.User(userId);
        await silo.Room(roomId).Join(password);
    }

    public static async Task<ChatMessage> PostAsync(this IConversationGrain conversation, string userId, string text, string? clientId = null, long? replyTo = null)
    {
        As.User(userId);
        var result = await conversation.Post(new PostMessageRequest(clientId ?? Guid.NewGuid().ToString("N"), text, replyTo));
        return result.Message;
    }
}
