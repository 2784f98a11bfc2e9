using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using OrleansChat.Testing;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of PostgreSQL that a test can cut (listener closed, every relayed
/// connection reset) and restore on the same port: a database outage without stopping the server
/// that other tests share.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        Port = FreePort.Next();
    }

    public int Port { get; }

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Stops accepting and resets every relayed connection.</summary>
    public async Task CutAsync()
    {
        _listener?.Stop();
        _listener = null;
        await _accepting;
        foreach (var connection in _connections.Keys)
        {
            connection.Client.LingerState = new LingerOption(true, 0);
            connection.Dispose();
        }

        _connections.Clear();
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        _connections[client] = 0;
        _connections[server] = 0;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            var up = client.GetStream().CopyToAsync(server.GetStream());
            var down = server.GetStream().CopyToAsync(client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Cut, or one side closed.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }
    }
}
