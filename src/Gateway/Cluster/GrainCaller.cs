using OrleansChat.Grains.Security;

namespace OrleansChat.Gateway.Cluster;

/// <summary>
/// Runs grain calls as a user: sets the request-context identity the grains authorize against
/// (<see cref="ChatCaller"/>). Each helper is an async method, so the identity is scoped to the
/// call it wraps and never leaks into the caller's flow (AsyncLocal changes do not flow back).
/// </summary>
internal static class GrainCaller
{
    public static async Task<T> As<T>(ChatIdentity who, Func<Task<T>> call)
    {
        ChatCaller.Set(who.UserId, who.IsGuest);
        return await call();
    }

    public static async Task As(ChatIdentity who, Func<Task> call)
    {
        ChatCaller.Set(who.UserId, who.IsGuest);
        await call();
    }

    /// <summary>
    /// Runs a read of public data (a profile) with <paramref name="userId"/> as the caller. Used by
    /// background work of the gateway itself (fan-out), which acts for no connection in particular.
    /// </summary>
    public static async Task<T> AsUser<T>(string userId, bool isGuest, Func<Task<T>> call)
    {
        ChatCaller.Set(userId, isGuest);
        return await call();
    }
}
