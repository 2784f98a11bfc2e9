using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Validation;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Security;

/// <summary>Reads the caller identity the gateway attached to the call (see <see cref="ChatCaller"/>).</summary>
internal static class CallerContext
{
    /// <summary>The caller; throws <c>auth.required</c> when the call carries no (well-formed) identity.</summary>
    public static Caller Require()
    {
        var userId = RequestContext.Get(ChatCaller.UserKey);
        if (string.IsNullOrEmpty(userId) || !IdRules.IsValidId(userId))
        {
            throw ChatErrors.Of(ChatErrorCodes.AuthRequired, "The call carries no caller identity.");
        }

        return new Caller(userId, RequestContext.Get(ChatCaller.GuestKey) == "1");
    }

    /// <summary>The caller, who must not be a guest (<c>auth.guest_forbidden</c>).</summary>
    public static Caller RequireMember(string action)
    {
        var caller = Require();
        if (caller.IsGuest)
        {
            throw ChatErrors.Of(ChatErrorCodes.GuestForbidden, $"Guests cannot {action}.");
        }

        return caller;
    }

    /// <summary>The caller, who must be <paramref name="userId"/> (<c>auth.forbidden</c>).</summary>
    public static Caller RequireSelf(string userId)
    {
        var caller = Require();
        if (!string.Equals(caller.UserId, userId, StringComparison.Ordinal))
        {
            throw ChatErrors.Of(ChatErrorCodes.AuthForbidden, "Users can only act on their own account.");
        }

        return caller;
    }
}
