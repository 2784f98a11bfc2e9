using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// SignalR's in-memory lifetime manager, handing each new connection's
/// <see cref="HubConnectionContext"/> to <see cref="ChatHub.OnConnectedAsync"/>, which keeps it in
/// the gateway's own registry (<see cref="HubConnections"/>). The feeds write to connections
/// through it (<see cref="HubWriter"/>) instead of through SignalR groups: they already know
/// their recipients, and a write to one connection that cannot take it must close that
/// connection rather than stall everyone else.
/// </summary>
/// <remarks>
/// SignalR calls the lifetime manager's <c>OnConnectedAsync</c> just before the hub's, on the same
/// connection; the hand-off entry lives only between the two (or until the connection closes).
/// </remarks>
internal sealed class ChatHubLifetimeManager(ILogger<DefaultHubLifetimeManager<ChatHub>> logger) : DefaultHubLifetimeManager<ChatHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _opening = new(StringComparer.Ordinal);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _opening[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _opening.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>The context of a connection being opened, once: the hub takes it in <c>OnConnectedAsync</c>.</summary>
    public HubConnectionContext? TakeOpening(string connectionId) => _opening.TryRemove(connectionId, out var connection) ? connection : null;
}
