using System.Collections.Frozen;
using OrleansChat.Grains.Errors;

namespace OrleansChat.Gateway.Http;

/// <summary>
/// The one table from error codes to HTTP statuses, for the gateway's own codes and for the
/// domain codes grains raise. REST endpoints and (later) the hub both map through it, so a
/// refusal has the same status wherever it surfaces. A code missing from the table falls back
/// on its suffix (<see cref="Describe"/>) so a new grain error is never reported as a 500.
/// </summary>
public static class ErrorCatalog
{
    private static readonly FrozenDictionary<string, ErrorDescriptor> Entries = new ErrorDescriptor[]
    {
        new(ErrorCodes.RequestInvalid, 400, "The request is invalid."),
        new(ErrorCodes.RequestNotFound, 404, "Nothing is found at this address."),
        new(ErrorCodes.RequestMethodNotAllowed, 405, "This method is not allowed here."),
        new(ErrorCodes.RequestTooLarge, 413, "The request body is too large."),
        new(ErrorCodes.RequestUnsupportedMediaType, 415, "The request's content type is not supported."),
        new(ErrorCodes.RequestOriginForbidden, 403, "Requests from this origin are not allowed."),
        new(ErrorCodes.RequestFailed, 400, "The request failed."),
        new(ErrorCodes.ServerError, 500, "An unexpected error occurred."),
        new(ErrorCodes.ServerUnavailable, 503, "The service is temporarily unavailable."),

        new(ErrorCodes.AuthUnauthenticated, 401, "Authentication is required."),
        new(ErrorCodes.AuthTokenInvalid, 401, "The access token is invalid."),
        new(ErrorCodes.AuthTokenExpired, 401, "The access token has expired."),
        new(ErrorCodes.AuthSessionRevoked, 401, "The session has ended."),
        new(ErrorCodes.AuthUnavailable, 503, "Authentication is temporarily unavailable."),
        new(ErrorCodes.AuthForbidden, 403, "You are not allowed to do this."),
        new(ErrorCodes.AuthGuestForbidden, 403, "Guests cannot do this; sign up for an account."),
        new(ErrorCodes.AuthInvalidCredentials, 401, "The username or password is wrong."),
        new(ErrorCodes.AuthInvalidRefreshToken, 401, "The refresh token is invalid or has expired."),
        new(ErrorCodes.AuthUsernameTaken, 409, "This username is taken."),
        new(ErrorCodes.AuthThrottled, 429, "Too many attempts; try again later."),

        // Domain codes raised by grains (rooms, messages, users). Listed here so that their
        // statuses are decided once, before the endpoints and hub methods that surface them exist.
        new("room.not_found", 404, "The room does not exist."),
        new("room.forbidden", 403, "You are not allowed to do this in this room."),
        new("room.not_member", 403, "You are not a member of this room."),
        new("room.banned", 403, "You are banned from this room."),
        new("room.muted", 403, "You are muted in this room."),
        new("room.wrong_password", 403, "The room password is wrong."),
        new("room.invite_required", 403, "This room is invite-only."),
        new("room.name_taken", 409, "A room with this name exists."),
        new("room.owner_cannot_leave", 409, "The owner must transfer the room before leaving."),
        new("message.not_found", 404, "The message does not exist."),
        new("message.forbidden", 403, "You are not allowed to change this message."),
        new("message.too_long", 400, "The message is too long."),
        new("message.empty", 400, "The message is empty."),
        new("message.rate_limited", 429, "You are sending messages too fast."),
        new("message.rejected", 422, "The message was rejected by the content filter."),
        new("user.not_found", 404, "The user does not exist."),
        new("user.blocked", 403, "You cannot reach this user."),
        new("friend.request_exists", 409, "A friend request already exists."),
        new("friend.already_friends", 409, "You are already friends."),
        new("invite.not_found", 404, "The invitation does not exist."),
        new(ErrorCodes.UploadTooLarge, 413, "The file is too large."),
        new(ErrorCodes.UploadTypeNotAllowed, 415, "This file type is not allowed."),
        new(ErrorCodes.UploadTypeMismatch, 415, "The file's content does not match its declared type."),
        new(ErrorCodes.UploadEmpty, 400, "The upload holds no file."),
        new(ErrorCodes.UploadNotFound, 404, "The file does not exist or is not visible to you."),
    }.ToFrozenDictionary(d => d.Code, StringComparer.Ordinal);

    /// <summary>Every catalogued code.</summary>
    public static IEnumerable<ErrorDescriptor> All => Entries.Values;

    /// <summary>
    /// The descriptor for <paramref name="code"/>: the gateway's table first, then the grains'
    /// <see cref="ChatErrorCodes"/> (status from the code's category). Other codes are classified by how their
    /// reason (the part after the last dot) ends: <c>not_found</c> 404, <c>forbidden</c> 403,
    /// <c>rate_limited</c>/<c>throttled</c> 429, <c>taken</c>/<c>exists</c>/<c>conflict</c> 409,
    /// <c>too_large</c> 413, anything else 400
    /// (a domain refusal is the caller's problem, never the server's).
    /// </summary>
    public static ErrorDescriptor Describe(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (Entries.TryGetValue(code, out var descriptor))
        {
            return descriptor;
        }

        // The grains' own table gives every domain code a category; its meaning makes the title.
        if (ChatErrorCodes.All.TryGetValue(code, out var domain))
        {
            return new ErrorDescriptor(code, StatusOf(code, domain.Category), domain.Meaning);
        }

        // The part after the last dot names the reason: "name_taken" in "room.name_taken".
        var reason = code[(code.LastIndexOf('.') + 1)..];
        var status = reason switch
        {
            _ when reason.EndsWith("not_found", StringComparison.Ordinal) => 404,
            _ when reason.EndsWith("forbidden", StringComparison.Ordinal) => 403,
            _ when reason.EndsWith("rate_limited", StringComparison.Ordinal) || reason.EndsWith("throttled", StringComparison.Ordinal) => 429,
            _ when reason.EndsWith("taken", StringComparison.Ordinal) || reason.EndsWith("exists", StringComparison.Ordinal) || reason.EndsWith("conflict", StringComparison.Ordinal) => 409,
            _ when reason.EndsWith("too_large", StringComparison.Ordinal) => 413,
            _ => 400,
        };
        return new ErrorDescriptor(code, status, "The request was refused.");
    }

    private static int StatusOf(string code, ChatErrorCategory category) => category switch
    {
        ChatErrorCategory.Unauthenticated => 401,
        ChatErrorCategory.Forbidden => 403,
        ChatErrorCategory.NotFound => 404,
        ChatErrorCategory.Conflict => 409,
        // A well-formed message the content filter refuses is "unprocessable", not malformed.
        ChatErrorCategory.Invalid => code == ChatErrorCodes.MessageFiltered ? 422 : 400,
        ChatErrorCategory.RateLimited => 429,
        ChatErrorCategory.Unavailable => 503,
        _ => 500,
    };

    /// <summary>The code a bare status gets when nothing more specific is known (framework-generated errors).</summary>
    public static string DefaultCodeFor(int status) => status switch
    {
        400 => ErrorCodes.RequestInvalid,
        401 => ErrorCodes.AuthUnauthenticated,
        403 => ErrorCodes.AuthForbidden,
        404 => ErrorCodes.RequestNotFound,
        405 => ErrorCodes.RequestMethodNotAllowed,
        413 => ErrorCodes.RequestTooLarge,
        415 => ErrorCodes.RequestUnsupportedMediaType,
        503 => ErrorCodes.ServerUnavailable,
        >= 500 => ErrorCodes.ServerError,
        _ => ErrorCodes.RequestFailed,
    };
}
