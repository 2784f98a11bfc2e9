using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Sends one round of probes and collects the replies with blocking socket calls. Meant to run
/// on a dedicated thread. Round deadlines use <see cref="Stopwatch"/> rather than the injected
/// clock: the socket waits in real time whatever a test clock says.
/// </summary>
internal sealed class ProbeClient : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _clusterId;
    private readonly byte[] _sendBuffer = new byte[ProbePacket.MaxSize];
    private readonly byte[] _receiveBuffer = new byte[ProbePacket.MaxSize + 1];
    private readonly Dictionary<string, IPAddress?> _resolved = new(StringComparer.Ordinal);
    private readonly SocketAddress _remote;
    private long _nextSequence = 1;

    public ProbeClient(string clusterId)
    {
        _clusterId = Encoding.UTF8.GetBytes(clusterId);
        // One dual-mode socket reaches IPv4 and IPv6 peers alike; hosts without IPv6 get IPv4 only.
        _socket = Socket.OSSupportsIPv6
            ? new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp) { DualMode = true }
            : new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        _remote = new SocketAddress(_socket.AddressFamily);
    }

    /// <summary>
    /// Probes every target once and waits up to <paramref name="timeout"/> for the replies;
    /// returns which targets answered Ack. Returns early when all have.
    /// </summary>
    public bool[] ProbeRound(IReadOnlyList<ProbeTarget> targets, TimeSpan timeout)
    {
        var answered = new bool[targets.Count];
        if (targets.Count == 0)
        {
            return answered;
        }

        var firstSequence = _nextSequence;
        _nextSequence += targets.Count;
        var pending = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            if (Send(targets[i], firstSequence + i))
            {
                pending++;
            }
        }

        var started = Stopwatch.GetTimestamp();
        while (pending > 0)
        {
            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                // Replies that arrived while this thread was not running still count: the
                // peer answered in time even if we were slow to look.
                if (_socket.Available == 0)
                {
                    break;
                }

                left = TimeSpan.FromMilliseconds(1);
            }

            _socket.ReceiveTimeout = Math.Max(1, (int)Math.Ceiling(left.TotalMilliseconds));
            int received;
            try
            {
                received = _socket.ReceiveFrom(_receiveBuffer, SocketFlags.None, _remote);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                if (Stopwatch.GetElapsedTime(started) >= timeout && _socket.Available == 0)
                {
                    break;
                }

                continue;
            }
            catch (SocketException e) when (ProbeResponder.IsTransient(e.SocketErrorCode))
            {
                continue;
            }

            if (!ProbePacket.TryRead(_receiveBuffer.AsSpan(0, received), out var kind, out var sequence, out var generation, out var clusterId)
                || kind != ProbePacketKind.Ack
                || !clusterId.SequenceEqual(_clusterId))
            {
                continue;
            }

            var index = sequence - firstSequence;
            if (index >= 0 && index < targets.Count && !answered[index] && targets[(int)index].Silo.Generation == generation)
            {
                answered[index] = true;
                pending--;
            }
        }

        return answered;
    }

    public void Dispose() => _socket.Dispose();

    private bool Send(ProbeTarget target, long sequence)
    {
        var address = Resolve(target.Silo.Host);
        if (address is null)
        {
            return false;
        }

        var length = ProbePacket.Write(_sendBuffer, ProbePacketKind.Probe, sequence, target.Silo.Generation, _clusterId);
        try
        {
            _socket.SendTo(_sendBuffer.AsSpan(0, length), SocketFlags.None, new IPEndPoint(address, target.ProbePort));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // Silo hosts are usually IP literals; names are resolved once per client (this thread may
    // block on DNS, nothing else waits on it).
    private IPAddress? Resolve(string host)
    {
        if (_resolved.TryGetValue(host, out var cached))
        {
            return cached;
        }

        IPAddress? address;
        if (IPAddress.TryParse(host, out var literal))
        {
            address = literal;
        }
        else
        {
            try
            {
                var candidates = Dns.GetHostAddresses(host);
                address = candidates.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? candidates.FirstOrDefault();
            }
            catch (SocketException)
            {
                // Not cached: the name may resolve next round.
                return null;
            }
        }

        if (address is not null && _socket.AddressFamily == AddressFamily.InterNetworkV6)
        {
            address = address.MapToIPv6();
        }
        else if (address is { AddressFamily: AddressFamily.InterNetworkV6 } && _socket.AddressFamily == AddressFamily.InterNetwork)
        {
            address = null;
        }

        _resolved[host] = address;
        return address;
    }
}
