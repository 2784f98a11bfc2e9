using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Gateway.Accounts;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Issues access tokens: compact JWS, header <c>{alg: HS256, kid, typ: at+jwt}</c>, claims
/// <c>iss aud sub sid name jti iat nbf exp</c> and <c>chat.guest</c> for guests, signed with the
/// ring's current key.
/// </summary>
internal sealed class AccessTokenIssuer(SigningKeyRing ring, IOptions<GatewayAuthOptions> options)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly GatewayAuthOptions _options = options.Value;

    public async ValueTask<string> IssueAsync(
        Account account, Guid sessionId, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = await ring.GetSigningKeyAsync(cancellationToken);
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [ChatClaims.UserId] = account.UserId.ToString(),
            [ChatClaims.SessionId] = sessionId.ToString(),
            [ChatClaims.Username] = account.Username,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (account.IsGuest)
        {
            claims[ChatClaims.Guest] = true;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            Claims = claims,
            TokenType = ChatBearerDefaults.TokenType,
            SigningCredentials = new SigningCredentials(key.SecurityKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
