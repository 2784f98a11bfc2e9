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
    // Options are read on first use, not here: Kestrel builds this handler while the host is
    // built, and invalid options should fail through ValidateOnStart, with all failures listed.
    private readonly IOptions<MessagingOptions> _options;
    private readonly PeerIdentity _localIdentity;
    private readonly IMessageHandler _handler;
    private readonly ConnectionRegistry _registry;
    private MessageFrameCodec? _codec;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    public ConnectionListener(
        IOptions<MessagingOptions> options,
        PeerIdentity localIdentity,
        IMessageHandler handler,
        ConnectionRegistry registry,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _options = options;
        _localIdentity = localIdentity;
        _handler = handler;
        _registry = registry;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConnectionListener>();
    }

    // Stateless, so a racing second instance is harmless.
    private MessageFrameCodec Codec => _codec ??= new MessageFrameCodec(_options.Value.MaxFrameSize);

    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var remote = await TryHandshakeAsync(connection);
        if (remote is null)
        {
            return;
        }

        var established = new Connection(
            connection, remote, isInbound: true, ownsTransport: false, _handler, Codec, _options.Value, _timeProvider, _loggerFactory.CreateLogger<Connection>());
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
        var options = _options.Value;
        using var timeout = new CancellationTokenSource(options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, connection.ConnectionClosed);
        try
        {
            var remote = await ConnectionHandshake.ReceiveAsync(connection.Transport.Input, linked.Token);
            var refusal = ConnectionHandshake.Validate(remote, options.ClusterId, requiredRole: null);
            if (refusal is not null)
            {
                Log.HandshakeRefused(_logger, connection.ConnectionId, connection.RemoteEndPoint, remote.Sender, refusal);
                return null;
            }

            var local = new Handshake(Handshake.CurrentProtocolVersion, options.ClusterId, _localIdentity);
            await ConnectionHandshake.SendAsync(connection.Transport.Output, Codec, local, linked.Token);
            return remote;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Log.HandshakeTimedOut(_logger, connection.ConnectionId, connection.RemoteEndPoint, options.ConnectTimeout);
            return null;
        }
        catch (Exception ex)
        {
            Log.HandshakeFailed(_logger, ex, connection.ConnectionId, connection.RemoteEndPoint);
            return null;
        }
    }
}
