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
/// after the network heals. <see cref="SilenceExisting"/> is a silent outage that never heals for
/// the connections open at the time (lost state in a NAT or a proxy): they stay open and get
/// nothing forwarded until the relay is cut, while connections accepted later are relayed.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly ConcurrentDictionary<TcpClient, byte> _connections = new();
    private readonly ConcurrentDictionary<Link, byte> _links = new();
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

    /// <summary>
    /// Stops forwarding, for good, in both directions of every connection accepted so far (an end
    /// of stream included), keeping them open; connections accepted afterwards are relayed as usual.
    /// Only <see cref="CutAsync"/> ends it, by resetting them.
    /// </summary>
    public void SilenceExisting()
    {
        foreach (var link in _links.Keys)
        {
            link.Silenced = true;
        }
    }

    /// <summary>Stops accepting and resets every relayed connection; ends a blackhole and a silence too.</summary>
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
        // Relays held at the gates now fail on their reset sockets and end.
        Resume();
        foreach (var link in _links.Keys)
        {
            link.Cut.TrySetResult();
        }
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
        var link = new Link();
        _connections[client] = 0;
        _connections[server] = 0;
        _links[link] = 0;
        var up = Task.CompletedTask;
        var down = Task.CompletedTask;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort);
            up = PumpAsync(link, client.GetStream(), server.GetStream());
            down = PumpAsync(link, server.GetStream(), client.GetStream());
            await Task.WhenAny(up, down);
        }
        catch (Exception ex) when (IsConnectionEnd(ex))
        {
            // Cut, or the server refused.
        }
        finally
        {
            _links.TryRemove(link, out _);
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

    /// <summary>
    /// Copies one direction; what is read while blackholed, an end of stream included, waits at the
    /// gate, and what is read on a silenced connection waits until the relay is cut.
    /// </summary>
    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to)
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
            if (link.Silenced)
            {
                // Held until the relay is cut (silenced maybe while held at the blackhole gate); the sockets are reset by then.
                await link.Cut.Task;
                return;
            }

            if (read == 0)
            {
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static bool IsConnectionEnd(Exception ex) => ex is IOException or SocketException or ObjectDisposedException;

    /// <summary>One relayed connection, both directions.</summary>
    private sealed class Link
    {
        public readonly TaskCompletionSource Cut = NewGate(open: false);
        public volatile bool Silenced;
    }
}
