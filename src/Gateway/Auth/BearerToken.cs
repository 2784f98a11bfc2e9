using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace OrleansChat.Gateway.Auth;

/// <summary>Where a request carries its access token, for <see cref="ChatBearerHandler"/> and <see cref="HubSocketAuthentication"/> alike.</summary>
internal static class BearerToken
{
    /// <summary>
    /// The token from <c>Authorization: Bearer</c>, or, on hub paths only, from the
    /// <c>access_token</c> query parameter (browsers cannot set headers on WebSocket handshakes).
    /// </summary>
    public static string? Read(HttpRequest request, out bool fromQuery)
    {
        fromQuery = false;
        string? authorization = request.Headers.Authorization;
        if (!string.IsNullOrEmpty(authorization))
        {
            const string Prefix = "Bearer ";
            return authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                ? authorization[Prefix.Length..].Trim()
                : null;
        }

        if (request.Path.StartsWithSegments(ChatBearerDefaults.HubPathPrefix, StringComparison.OrdinalIgnoreCase)
            && FromQuery(request.QueryString.Value) is { } token)
        {
            fromQuery = true;
            return token;
        }

        return null;
    }

    /// <summary>
    /// The <c>access_token</c> parameter of a raw query string, when it occurs exactly once (name
    /// compared as the query collection compares it, the value decoded as it decodes it, by the
    /// same parser). Enumerated from the raw string instead of <see cref="HttpRequest.Query"/>:
    /// parsing the query builds a dictionary of every parameter per hub connection opened, garbage
    /// of several hundred bytes (issue 8).
    /// </summary>
    internal static string? FromQuery(string? query)
    {
        string? found = null;
        foreach (var pair in new QueryStringEnumerable(query))
        {
            if (!pair.DecodeName().Span.Equals(ChatBearerDefaults.QueryParameter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = pair.DecodeValue().ToString();
        }

        return found;
    }

    /// <summary>
    /// Drops the access token from the request's parsed query once it was validated. A hub
    /// request is a WebSocket that SignalR keeps open with its request for the connection's whole
    /// life, so the parsed query held a copy of the token (several hundred characters) per idle
    /// connection (issue 8's memory per connection); later readers of the query (SignalR reads
    /// <c>id</c>) need no token, and no log or diagnostic after this point can show it. Kestrel's
    /// own copies (the raw request target and query string it keeps for reuse) are out of reach.
    /// </summary>
    public static void ForgetQueryToken(HttpRequest request)
    {
        // The usual hub URL has no other parameter: nothing to parse or rebuild.
        if (request.QueryString.Value?.Contains('&', StringComparison.Ordinal) != true)
        {
            request.Query = QueryCollection.Empty;
            return;
        }

        var rest = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Query)
        {
            if (!string.Equals(key, ChatBearerDefaults.QueryParameter, StringComparison.OrdinalIgnoreCase))
            {
                rest[key] = value;
            }
        }

        request.Query = new QueryCollection(rest);
    }
}
