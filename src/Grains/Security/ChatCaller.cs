using OrleansChat.Runtime;

namespace OrleansChat.Grains.Security;

/// <summary>
/// How a gateway (or a test) tells the grains who is calling: request-context values that travel
/// with every call. The grains trust these values, so only trusted hosts (the gateway after it
/// authenticated the connection) may set them.
/// </summary>
public static class ChatCaller
{
    /// <summary>Request-context key of the calling user's id.</summary>
    public const string UserKey = "chat.user";

    /// <summary>Request-context key present with value "1" when the caller is a guest.</summary>
    public const string GuestKey = "chat.guest";

    /// <summary>Makes every following call of this flow run as <paramref name="userId"/>.</summary>
    public static void Set(string userId, bool isGuest = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        RequestContext.Set(UserKey, userId);
        if (isGuest)
        {
            RequestContext.Set(GuestKey, "1");
        }
        else
        {
            RequestContext.Remove(GuestKey);
        }
    }

    /// <summary>Removes the caller identity from this flow.</summary>
    public static void Clear()
    {
        RequestContext.Remove(UserKey);
        RequestContext.Remove(GuestKey);
    }
}
