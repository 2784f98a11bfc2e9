using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Kestrel's handler for the messaging endpoint: checks the dialer's handshake, answers with this
/// process's own, then runs the <see cref="Connection"/> until it closes. Returning from
/// <see cref="OnConnectedAsync"/> is what closes a refused connection.
/// </summary>
internal sealed class ConnectionListener : ConnectionHandler
{
    private readonly MessagingOptions _options;
    private readonly Handshake _localHandshake;
    private readonly IMessageHandler _handler;
    private readonly ConnectionRegistry _registry;
    private readonly MessageFrameCodec _codec;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    public ConnectionListener(
        IOptions<MessagingOptions> options,
        PeerIdentity localIdentity,
        IMessageHandler handler,
        ConnectionRegistry registry,
        MessageFrameCodec codec,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _localHandshake = new Handshake(Handshake.CurrentProtocolVersion, _options.ClusterId, localIdentity);
        _handler = handler;
        _registry = registry;
        _codec = codec;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConnectionListener>();
    }

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var remote = await TryHandshakeAsync(connection);
        if (remote is null)
        {
            return;
        }

        var established = new Connection(
            connection, remote, isInbound: true, ownsTransport: false, _handler, _codec, _options, _timeProvider, _loggerFactory.CreateLogger<Connection>());
        _registry.Add(established);

        // Kestrel asks connections to close when the server stops; close gracefully so queued
        // responses still go out, and Kestrel aborts whatever is left after its shutdown timeout.
        var lifetime = connection.Features.Get<IConnectionLifetimeNotificationFeature>();
        using var registration = lifetime?.ConnectionClosedRequested.Register(
            static state => _ = ((Connection)state!).DisposeAsync().AsTask(), established);
        try
        {
            await established.RunAsync();
        }
        finally
        {
            _registry.Remove(established);
        }
    }

    private async Task<Handshake?> TryHandshakeAsync(ConnectionContext connection)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, connection.ConnectionClosed);
        try
        {
            var remote = await ConnectionHandshake.ReceiveAsync(connection.Transport.Input, _codec, linked.Token);
            var refusal = ConnectionHandshake.Validate(remote, _options.ClusterId, requiredRole: null);
            if (refusal is not null)
            {
                Log.HandshakeRefused(_logger, connection.ConnectionId, connection.RemoteEndPoint, remote.Sender, refusal);
                return null;
            }

            await ConnectionHandshake.SendAsync(connection.Transport.Output, _codec, _localHandshake, linked.Token);
            return remote;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Log.HandshakeTimedOut(_logger, connection.ConnectionId, connection.RemoteEndPoint, _options.ConnectTimeout);
            return null;
        }
        catch (Exception ex)
        {
            Log.HandshakeFailed(_logger, ex, connection.ConnectionId, connection.RemoteEndPoint);
            return null;
        }
    }
}
