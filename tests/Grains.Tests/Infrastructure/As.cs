using OrleansChat.Grains.Security;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>
/// Sets the calling user for the following grain calls of the current test flow, as the gateway
/// does after authenticating a connection. (A synchronous method, so the value stays set in the caller.)
/// </summary>
public static class As
{
    public static void User(string userId) => ChatCaller.Set(userId);

    public static void Guest(string userId) => ChatCaller.Set(userId, isGuest: true);

    public static void Nobody() => ChatCaller.Clear();
}
