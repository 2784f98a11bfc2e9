namespace OrleansChat.Gateway.Http;

/// <summary>
/// The stable, machine-readable error codes the gateway itself produces. They appear as the
/// <c>code</c> extension of every problem-details response and never change meaning; clients
/// branch on them, not on titles or details. Codes raised by grains (<c>room.banned</c>,
/// <c>message.rate_limited</c>, ...) are listed with their statuses in <see cref="ErrorCatalog"/>.
/// </summary>
public static class ErrorCodes
{
    public const string RequestInvalid = "request.invalid";
    public const string RequestNotFound = "request.not_found";
    public const string RequestMethodNotAllowed = "request.method_not_allowed";
    public const string RequestTooLarge = "request.too_large";
    public const string RequestUnsupportedMediaType = "request.unsupported_media_type";
    public const string RequestOriginForbidden = "request.origin_forbidden";
    public const string RequestFailed = "request.failed";
    public const string ServerError = "server.error";
    public const string ServerUnavailable = "server.unavailable";

    public const string AuthUnauthenticated = "auth.unauthenticated";
    public const string AuthTokenInvalid = "auth.token_invalid";
    public const string AuthTokenExpired = "auth.token_expired";
    public const string AuthSessionRevoked = "auth.session_revoked";
    public const string AuthUnavailable = "auth.unavailable";
    public const string AuthForbidden = "auth.forbidden";
    public const string AuthGuestForbidden = "auth.guest_forbidden";
    public const string AuthInvalidCredentials = "auth.invalid_credentials";
    public const string AuthInvalidRefreshToken = "auth.invalid_refresh_token";
    public const string AuthUsernameTaken = "auth.username_taken";
    public const string AuthThrottled = "auth.throttled";

    public const string UploadTooLarge = "upload.too_large";
    public const string UploadTypeNotAllowed = "upload.type_not_allowed";
    public const string UploadTypeMismatch = "upload.type_mismatch";
    public const string UploadEmpty = "upload.empty";
    public const string UploadNotFound = "upload.not_found";
}
