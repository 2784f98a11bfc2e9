using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OrleansChat.Testing;

/// <summary>
/// A loopback TCP relay in front of a server (PostgreSQL) that a test controls, for outages
/// without stopping a server other tests share. <see cref="CutAsync"/> is a refused, reset
/// outage: listener closed, every relayed connection reset; <see cref="Start"/> restores it on the
/// same port. <see cref="Blackhole"/> is a silent one, what a partitioned network looks like: every
/// connection stays open and new ones are still accepted, but nothing is forwarded either way,
/// not even a close, until <see cref="Resume"/> delivers what was held, in order, as TCP would
/// after the network heals.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly object _modeLock = new();
    private TaskCompletionSource _forwarding = NewGate(open: true);
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private int _acceptedConnections;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        Port = FreePort.Next();
    }

    public int Port { get; }

    /// <summary>Connections accepted since the relay was created, blackholed ones included.</summary>
    public int AcceptedConnections => Volatile.Read(ref _acceptedConnections);

    public void Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _accepting = AcceptAsync(listener);
    }

    /// <summary>Stops forwarding in both directions while keeping every connection, and accepting new ones, open.</summary>
    public void Blackhole()
    {
        lock (_modeLock)
        {
            if (_forwarding.Task.IsCompleted)
            {
                _forwarding = NewGate(open: false);
            }
        }
    }

    /// <summary>Forwards again, first whatever was held while blackholed.</summary>
    public void Resume()
    {
        lock (_modeLock)
        {
            _forwarding.TrySetResult();
        }
    }

    /// <summary>Stops accepting and resets every relayed connection; ends a blackhole too.</summary>
    public async Task CutAsync()
    {
        _listener?.Stop();
        _listener = null;
        await _accepting;
        foreach (var connection in _connections.Keys)
        {
            try
            {
                // Null once the relay of this connection has ended on its own and disposed it.
                if (connection.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
            }
            catch (ObjectDisposedException)
            {
            }

            connection.Dispose();
        }

        _connections.Clear();
        // Relays held at the gate now fail on their reset sockets and end.
        Resume();
    }

    public async ValueTask DisposeAsync() => await CutAsync();

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

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

            Interlocked.Increment(ref _acceptedConnections);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        var server = new TcpClient();
        _connections[client] = 0;
        _connections[server] = 0;
        var up = Task.CompletedTask;
        var down = Task.CompletedTask;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            up = PumpAsync(client.GetStream(), server.GetStream());
            down = PumpAsync(server.GetStream(), client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            // Cut, or the server refused.
        }
        finally
        {
            _connections.TryRemove(client, out _);
            _connections.TryRemove(server, out _);
            client.Dispose();
            server.Dispose();
        }

        // The other direction fails on the disposed sockets (or waits at the gate until forwarding resumes); observe it.
        try
        {
            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
        }
    }

    /// <summary>Copies one direction; what is read while blackholed, an end of stream included, waits at the gate.</summary>
    private async Task PumpAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer);
            Task gate;
            lock (_modeLock)
            {
                gate = _forwarding.Task;
            }

            await gate;
            if (read == 0)
            {
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static bool IsConnectionEnd(Exception ex) => ex is IOException or SocketException or ObjectDisposedException;
}
