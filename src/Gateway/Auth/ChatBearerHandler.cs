using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Authenticates requests by access token: from <c>Authorization: Bearer</c>, or, on hub paths
/// only, from the <c>access_token</c> query parameter (browsers cannot set headers on WebSocket
/// handshakes). Challenges answer with problem details carrying why the token was refused
/// (<c>auth.token_expired</c> tells the client to refresh; <c>auth.session_revoked</c> to log in again).
/// </summary>
internal sealed class ChatBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    AccessTokenValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private string? _failureCode;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(out var fromQuery);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await validator.ValidateAsync(token, Context.RequestAborted);
        if (!result.Succeeded)
        {
            _failureCode = result.FailureCode;
            return AuthenticateResult.Fail(result.FailureCode!);
        }

        if (fromQuery)
        {
            ForgetQueryToken();
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

    private string? ReadToken(out bool fromQuery)
    {
        fromQuery = false;
        string? authorization = Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(authorization))
        {
            const string Prefix = "Bearer ";
            return authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                ? authorization[Prefix.Length..].Trim()
                : null;
        }

        if (Request.Path.StartsWithSegments(ChatBearerDefaults.HubPathPrefix, StringComparison.OrdinalIgnoreCase)
            && Request.Query.TryGetValue(ChatBearerDefaults.QueryParameter, out var values)
            && values.Count == 1)
        {
            fromQuery = true;
            return values[0];
        }

        return null;
    }

    /// <summary>
    /// Drops the access token from the request's parsed query once it was validated. A hub
    /// request is a WebSocket that SignalR keeps open with its request for the connection's whole
    /// life, so the parsed query held a copy of the token (several hundred characters) per idle
    /// connection (issue 8's memory per connection); later readers of the query (SignalR reads
    /// <c>id</c>) need no token, and no log or diagnostic after this point can show it. Kestrel's
    /// own copy of the raw request target is out of reach.
    /// </summary>
    private void ForgetQueryToken()
    {
        var rest = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in Request.Query)
        {
            if (!string.Equals(key, ChatBearerDefaults.QueryParameter, StringComparison.OrdinalIgnoreCase))
            {
                rest[key] = value;
            }
        }

        Request.Query = new QueryCollection(rest);
    }
}
