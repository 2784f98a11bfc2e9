using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Validates hub tokens (<see cref="HubTokenCodec"/>) as <see cref="AccessTokenValidator"/>
/// validates access tokens: the key named by the token's key id from the ring only, the MAC
/// compared in constant time, expiry against the injected <see cref="TimeProvider"/> with
/// <see cref="GatewayAuthOptions.ClockSkew"/>, and the session's revocation (refused while this
/// replica's revocation cache is stale). The principal carries the same claims as an access
/// token's, so the hub cannot tell which of the two authenticated a connection.
/// </summary>
/// <remarks>
/// Completes synchronously unless the key id is not loaded yet (the ring then reloads), so the
/// hub's <see cref="HubSocketAuthentication"/> keeps no async frame for the connection.
/// </remarks>
internal sealed class HubTokenValidator
{
    private readonly SigningKeyRing _ring;
    private readonly SessionRevocationCache _revocations;
    private readonly GatewayAuthOptions _options;
    private readonly TimeProvider _timeProvider;

    public HubTokenValidator(
        SigningKeyRing ring, SessionRevocationCache revocations, IOptions<GatewayAuthOptions> options, TimeProvider timeProvider)
    {
        _ring = ring;
        _revocations = revocations;
        _options = options.Value;
        _timeProvider = timeProvider;
    }

    public ValueTask<AccessTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (!HubTokenCodec.TryDecode(token, out var content))
        {
            return new(AccessTokenValidation.Invalid);
        }

        var finding = _ring.FindVerificationKeyAsync(content.KeyId, cancellationToken);
        return finding.IsCompletedSuccessfully
            ? new(Check(token, content, finding.Result))
            : CheckAsync(token, content, finding);
    }

    private async ValueTask<AccessTokenValidation> CheckAsync(string token, HubTokenContent content, ValueTask<SigningKey?> finding) =>
        Check(token, content, await finding);

    private AccessTokenValidation Check(string token, in HubTokenContent content, SigningKey? key)
    {
        if (key is null || !HubTokenCodec.HasValidMac(token, key.HubTokenKey))
        {
            return AccessTokenValidation.Invalid;
        }

        if (_timeProvider.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(content.ExpiresAtSeconds) + _options.ClockSkew)
        {
            return AccessTokenValidation.Expired;
        }

        return AccessTokenValidation.SessionRefusal(_revocations, content.SessionId)
            ?? new AccessTokenValidation(
                new ClaimsPrincipal(AccessTokenIdentity.Of(
                    content.UserId.ToString(), content.SessionId.ToString(), content.Username, content.IsGuest ? true : null, content.ExpiresAtSeconds, _options.Issuer)),
                null);
    }
}
