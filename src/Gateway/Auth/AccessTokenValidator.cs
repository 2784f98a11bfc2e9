using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Validates access tokens. Pinned: algorithm HS256 only (no <c>none</c>, no RSA/HMAC
/// confusion), the key named by <c>kid</c> from the shared ring only (never "try every key"),
/// <c>typ at+jwt</c>, issuer, audience, and <c>exp</c>/<c>nbf</c> checked against the injected
/// <see cref="TimeProvider"/> with <see cref="GatewayAuthOptions.ClockSkew"/>. A valid token
/// whose session was revoked is refused, and so is every token while this replica's revocation
/// cache is stale (fail closed).
/// </summary>
internal sealed class AccessTokenValidator
{
    /// <summary>Longer strings are refused before parsing; real tokens are a few hundred bytes.</summary>
    public const int MaxTokenLength = 4096;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly SigningKeyRing _ring;
    private readonly SessionRevocationCache _revocations;
    private readonly GatewayAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private TokenValidationParameters? _parameters;

    public AccessTokenValidator(
        SigningKeyRing ring, SessionRevocationCache revocations, IOptions<GatewayAuthOptions> options, TimeProvider timeProvider)
    {
        _ring = ring;
        _revocations = revocations;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public async Task<AccessTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return AccessTokenValidation.Invalid;
        }

        JsonWebToken parsed;
        try
        {
            parsed = _handler.ReadJsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return AccessTokenValidation.Invalid;
        }

        if (parsed.IsEncrypted || parsed.Alg != SecurityAlgorithms.HmacSha256 || string.IsNullOrEmpty(parsed.Kid))
        {
            return AccessTokenValidation.Invalid;
        }

        var key = await _ring.FindVerificationKeyAsync(parsed.Kid, cancellationToken);
        if (key is null)
        {
            return AccessTokenValidation.Invalid;
        }

        // The result's ClaimsIdentity is not read: IdentityModel would build a Claim for every claim
        // of the token, and this runs for every request and every hub connection opened.
        var result = await _handler.ValidateTokenAsync(parsed, ParametersFor(key.SecurityKey));
        if (!result.IsValid)
        {
            return AccessTokenValidation.Invalid;
        }

        var now = _timeProvider.GetUtcNow();
        if (parsed.ValidTo == DateTime.MinValue || parsed.ValidFrom == DateTime.MinValue)
        {
            return AccessTokenValidation.Invalid;
        }

        if (now >= new DateTimeOffset(parsed.ValidTo, TimeSpan.Zero) + _options.ClockSkew)
        {
            return AccessTokenValidation.Expired;
        }

        if (new DateTimeOffset(parsed.ValidFrom, TimeSpan.Zero) > now + _options.ClockSkew)
        {
            return AccessTokenValidation.Invalid;
        }

        if (!parsed.TryGetPayloadValue<string>(ChatClaims.UserId, out var userId) || !Guid.TryParse(userId, out _)
            || !parsed.TryGetPayloadValue<string>(ChatClaims.SessionId, out var session) || !Guid.TryParse(session, out var sessionId)
            || !parsed.TryGetPayloadValue<string>(ChatClaims.Username, out var username) || string.IsNullOrEmpty(username))
        {
            return AccessTokenValidation.Invalid;
        }

        return AccessTokenValidation.SessionRefusal(_revocations, sessionId)
            ?? new AccessTokenValidation(new ClaimsPrincipal(Compact(parsed, userId, session, username, _options.Issuer)), null);
    }

    /// <summary>
    /// The claims the gateway reads — identity, session, guest flag, and expiry (hub connections close
    /// when it passes) — read from the parsed token into a fresh identity. A hub connection keeps its
    /// principal for as long as it is open; IdentityModel's validated identity would hold every claim of the token (each with its
    /// own property bag) and a reference to the parsed token and its raw text, several KiB per idle
    /// connection (measured with dotnet-gcdump: about a third of the gateway's extra memory per
    /// connection over a bare SignalR hub). <see cref="AccessTokenIdentity"/> keeps only the values.
    /// </summary>
    /// <remarks>
    /// The claim types and the issuer are this process's shared strings (the issuer was validated
    /// equal to <paramref name="issuer"/>), not the copies parsed out of each token.
    /// </remarks>
    private static AccessTokenIdentity Compact(JsonWebToken token, string userId, string sessionId, string username, string issuer)
        => AccessTokenIdentity.Of(
            userId,
            sessionId,
            username,
            token.TryGetPayloadValue<bool>(ChatClaims.Guest, out var guest) ? guest : null,
            token.TryGetPayloadValue<long>("exp", out var expires) ? expires : null,
            issuer);

    // Built once per signing key (keys change only on rotation), not per token: IdentityModel does
    // not change the parameters it is given, and building them is most of a validation's garbage.
    private TokenValidationParameters ParametersFor(SecurityKey key)
    {
        var cached = Volatile.Read(ref _parameters);
        if (cached is not null && ReferenceEquals(cached.IssuerSigningKey, key))
        {
            return cached;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [ChatBearerDefaults.TokenType],
            IssuerSigningKey = key,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            // Checked by the caller against the injected clock; IdentityModel would read the system clock.
            ValidateLifetime = false,
            NameClaimType = ChatClaims.Username,
            AuthenticationType = ChatBearerDefaults.Scheme,
        };
        Volatile.Write(ref _parameters, parameters);
        return parameters;
    }
}
