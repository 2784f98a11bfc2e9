using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Authenticates requests by access token: from <c>Authorization: Bearer</c>, or, on hub paths
/// only, from the <c>access_token</c> query parameter (browsers cannot set headers on WebSocket
/// handshakes), where a hub token is accepted too (<see cref="BearerTokenValidator"/>).
/// Challenges answer with problem details carrying why the token was refused
/// (<c>auth.token_expired</c> tells the client to refresh; <c>auth.session_revoked</c> to log in again).
/// </summary>
internal sealed class ChatBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    BearerTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private string? _failureCode;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = BearerToken.Read(Request, out var fromQuery);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await validator.ValidateAsync(token, fromQuery, Context.RequestAborted);
        if (!result.Succeeded)
        {
            _failureCode = result.FailureCode;
            return AuthenticateResult.Fail(result.FailureCode!);
        }

        if (fromQuery)
        {
            BearerToken.ForgetQueryToken(Request);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(result.Principal!, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = _failureCode ?? ErrorCodes.AuthUnauthenticated;
        // RFC 6750: say which scheme, and that the presented token (if any) was the problem.
        Response.Headers.Append(HeaderNames.WWWAuthenticate, _failureCode is null or ErrorCodes.AuthUnavailable
            ? "Bearer"
            : "Bearer error=\"invalid_token\"");
        return Problems.Of(code).ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Of(ErrorCodes.AuthForbidden).ExecuteAsync(Context);
}
