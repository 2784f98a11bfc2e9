namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Validates the token a request presents (<see cref="BearerToken.Read"/>): an access token
/// wherever one is accepted, a hub token only from the hub's <c>access_token</c> query parameter.
/// A hub token anywhere else (<c>Authorization: Bearer</c>, or a non-hub path) is invalid: it is a
/// credential for the hub's WebSocket URL, which browsers cannot give a header, and nothing more.
/// </summary>
internal sealed class BearerTokenValidator(AccessTokenValidator accessTokens, HubTokenValidator hubTokens)
{
    /// <param name="fromHubQuery">The token came from the hub path's query string (<see cref="BearerToken.Read"/>'s <c>fromQuery</c>).</param>
    public ValueTask<AccessTokenValidation> ValidateAsync(string token, bool fromHubQuery, CancellationToken cancellationToken)
    {
        if (HubTokenCodec.HasPrefix(token))
        {
            return fromHubQuery ? hubTokens.ValidateAsync(token, cancellationToken) : new(AccessTokenValidation.Invalid);
        }

        return new(accessTokens.ValidateAsync(token, cancellationToken));
    }
}
