using Microsoft.AspNetCore.SignalR;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// Hub failures as the protocol fixes them: a <see cref="HubException"/> whose message is
/// <c>[code] text</c>, with the same stable codes REST uses (plus the hub's own <c>rate_limited</c>).
/// Clients match on the code, never on the text.
/// </summary>
internal static class HubErrors
{
    /// <summary>Too many invocations on this connection or by this user (docs/hub-protocol.md).</summary>
    public const string RateLimited = "rate_limited";

    public static HubException Of(string code, string? detail = null) =>
        new($"[{code}] {detail ?? ErrorCatalog.Describe(code).Title}");

    public static HubException From(ChatError error) => Of(error.Code, error.Detail);
}
