using OrleansChat.Gateway.Auth.Contracts;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>Tokens, or the refusal.</summary>
internal sealed record AuthOutcome(TokenResponse? Tokens, ChatError? Error)
{
    public static AuthOutcome Ok(TokenResponse tokens) => new(tokens, null);

    public static AuthOutcome Fail(ChatError error) => new(null, error);

    public static AuthOutcome Fail(string code, string? detail = null) => new(null, new ChatError(code, detail));

    public static AuthOutcome Invalid(ValidationErrors errors) =>
        new(null, new ChatError(ErrorCodes.RequestInvalid, "One or more fields are invalid.") { Errors = errors.ToDictionary() });

    public static AuthOutcome Throttled(TimeSpan retryAfter) =>
        new(null, new ChatError(ErrorCodes.AuthThrottled, "Too many attempts from this account or address; wait before trying again.") { RetryAfter = retryAfter });
}
