using System.Net.WebSockets;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// Stands at <c>/hubs/chat</c> until the SignalR hub replaces it, so that the WebSocket path's
/// protections (Origin allowlist, token from <c>access_token</c>, authorization) are in place and
/// tested from the start. An authorized WebSocket is accepted and closed with "endpoint unavailable".
/// </summary>
internal static class ChatHubPlaceholder
{
    public const string Path = "/hubs/chat";

    public static IEndpointConventionBuilder MapChatHubPlaceholder(this IEndpointRouteBuilder endpoints) =>
        endpoints.Map(Path, HandleAsync).RequireAuthorization().ExcludeFromDescription();

    private static async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Problems.Of(ErrorCodes.RequestInvalid, "This endpoint accepts WebSocket connections only.").ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await socket.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "The chat hub is not available yet.", context.RequestAborted);
    }
}
