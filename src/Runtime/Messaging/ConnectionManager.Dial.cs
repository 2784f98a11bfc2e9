using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Opening one connection: TCP connect, then both handshakes, within the connect timeout.</summary>
internal sealed partial class ConnectionManager
{
    private async Task<Connection> ConnectAsync(EndPoint endpoint)
    {
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _disposed.Token);
        ConnectionContext? transport = null;
        try
        {
            transport = await OpenSocketAsync(endpoint, linked.Token);
            await ConnectionHandshake.SendAsync(transport.Transport.Output, _codec, _localHandshake, linked.Token);
            var remote = await ConnectionHandshake.ReceiveAsync(transport.Transport.Input, linked.Token);

            // Only silos accept connections; anything else answering here is a misconfiguration.
            var refusal = ConnectionHandshake.Validate(remote, _options.ClusterId, ConnectionRole.Silo);
            if (refusal is not null)
            {
                throw new ConnectionFailedException($"Refused the peer at {endpoint}: {refusal}.");
            }

            var connection = new Connection(
                transport, remote, isInbound: false, ownsTransport: true, _handler, _codec, _options, _timeProvider, _loggerFactory.CreateLogger<Connection>());
            transport = null;
            return connection;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new ConnectionFailedException($"Connecting to {endpoint} did not finish within {_options.ConnectTimeout}.");
        }
        finally
        {
            if (transport is not null)
            {
                transport.Abort();
                await transport.DisposeAsync();
            }
        }
    }

    private async Task<ConnectionContext> OpenSocketAsync(EndPoint endpoint, CancellationToken cancellationToken)
    {
        // A DnsEndPoint may resolve to either family; a dual-mode IPv6 socket reaches both.
        var socket = endpoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return _socketFactory.Create(socket);
    }
}
