namespace OrleansChat.Gateway.Auth;

/// <summary>Names used by the gateway's bearer-token authentication.</summary>
public static class ChatBearerDefaults
{
    /// <summary>The authentication scheme (and default scheme) name.</summary>
    public const string Scheme = "Bearer";

    /// <summary>The JWT <c>typ</c> header of access tokens (RFC 9068), required on validation.</summary>
    public const string TokenType = "at+jwt";

    /// <summary>Query parameter carrying the token on WebSocket requests, which cannot set headers from a browser.</summary>
    public const string QueryParameter = "access_token";

    /// <summary>Paths where <see cref="QueryParameter"/> is accepted; elsewhere tokens in URLs are ignored (they leak into logs and histories).</summary>
    public const string HubPathPrefix = "/hubs";
}
