namespace OrleansChat.Gateway.Auth.Contracts;

/// <summary>Tokens returned by signup, login, guest login and refresh.</summary>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="AccessToken">Send as <c>Authorization: Bearer …</c> (or <c>?access_token=</c> on the hub's WebSocket).</param>
/// <param name="AccessTokenExpiresAt">When the access token stops working; refresh before.</param>
/// <param name="ExpiresIn">Seconds until <paramref name="AccessTokenExpiresAt"/>.</param>
/// <param name="HubToken">
/// Only for the hub's WebSocket: <c>/hubs/chat?access_token=…</c>. Much shorter than the access
/// token (the server keeps the URL for the connection's life), refused everywhere else; expires with
/// the access token and comes anew with every refresh.
/// </param>
/// <param name="RefreshToken">Exchanges once for new tokens at <c>/api/auth/refresh</c>; keep it secret.</param>
/// <param name="RefreshTokenExpiresAt">End of the session: no refresh after it.</param>
/// <param name="User">Who the tokens are for.</param>
public sealed record TokenResponse(
    string TokenType,
    string AccessToken,
    DateTimeOffset AccessTokenExpiresAt,
    long ExpiresIn,
    string HubToken,
    string RefreshToken,
    DateTimeOffset RefreshTokenExpiresAt,
    UserSummary User)
{
    public override string ToString() => $"TokenResponse {{ User = {User}, AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, tokens = *** }}";
}
