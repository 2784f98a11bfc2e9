using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Answers liveness probes on a UDP port from a dedicated thread with blocking socket calls.
/// It never touches the thread pool, so a silo whose pool is starved by grain code still
/// answers, and is not declared dead for it (Orleans #9036, #9979). Only a probe naming this
/// cluster and this incarnation's generation gets an Ack; anything else gets a Nack.
/// </summary>
internal sealed partial class ProbeResponder : IDisposable
{
    // The thread wakes at least this often to notice a stop request even if closing the
    // socket did not interrupt its blocking receive.
    private const int StopCheckMilliseconds = 250;

    private readonly Socket _socket;
    private readonly byte[] _clusterId;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private long _generation;
    private volatile bool _answering = true;
    private volatile bool _stopping;

    public ProbeResponder(string host, int port, string clusterId, ILogger logger)
    {
        _clusterId = Encoding.UTF8.GetBytes(clusterId);
        _logger = logger;
        var bindAddress = IPAddress.TryParse(host, out var literal) ? literal : IPAddress.Any;
        _socket = new Socket(bindAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = StopCheckMilliseconds };
        try
        {
            _socket.Bind(new IPEndPoint(bindAddress, port));
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new MembershipException($"Cannot bind the membership probe port {host}:{port} (UDP): {e.SocketErrorCode}.", e);
        }

        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
        _thread = new Thread(Run) { IsBackground = true, Name = $"membership-probe-responder:{Port}" };
    }

    /// <summary>The UDP port actually bound (differs from the requested one when that was 0).</summary>
    public int Port { get; }

    /// <summary>The generation probes must name to get an Ack.</summary>
    public long Generation
    {
        get => Interlocked.Read(ref _generation);
        set => Interlocked.Exchange(ref _generation, value);
    }

    public void Start() => _thread.Start();

    /// <summary>From now on every probe gets a Nack: this incarnation knows it was declared dead.</summary>
    public void StopAnswering() => _answering = false;

    public void Dispose()
    {
        _stopping = true;
        _socket.Dispose();
        if (_thread.IsAlive && Thread.CurrentThread != _thread)
        {
            _thread.Join(TimeSpan.FromSeconds(2));
        }
    }

    private void Run()
    {
        var buffer = new byte[ProbePacket.MaxSize + 1];
        var reply = new byte[ProbePacket.MaxSize];
        var remote = new SocketAddress(_socket.AddressFamily);
        while (!_stopping)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(buffer, SocketFlags.None, remote);
            }
            catch (SocketException e) when (IsTransient(e.SocketErrorCode) && !_stopping)
            {
                continue;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                if (!_stopping)
                {
                    LogResponderFailed(_logger, Port, e);
                }

                return;
            }

            if (!ProbePacket.TryRead(buffer.AsSpan(0, received), out var kind, out var sequence, out var generation, out var clusterId)
                || kind != ProbePacketKind.Probe)
            {
                continue;
            }

            var alive = _answering && generation == Generation && clusterId.SequenceEqual(_clusterId);
            // Echo the prober's cluster id and generation so it can match the reply to its probe.
            var length = ProbePacket.Write(reply, alive ? ProbePacketKind.Ack : ProbePacketKind.Nack, sequence, generation, clusterId);
            try
            {
                _socket.SendTo(reply.AsSpan(0, length), SocketFlags.None, remote);
            }
            catch (SocketException)
            {
                // The prober counts a lost reply as a miss; nothing to do here.
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }

    // Timeouts wake the loop to check for stop; a reset is an ICMP error left by an earlier
    // send to a prober that has gone (Windows reports those on the next receive).
    internal static bool IsTransient(SocketError error) =>
        error is SocketError.TimedOut or SocketError.WouldBlock or SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.Interrupted;

    [LoggerMessage(EventId = 2140, Level = LogLevel.Error, Message = "Membership probe responder on UDP port {Port} stopped unexpectedly")]
    private static partial void LogResponderFailed(ILogger logger, int port, Exception exception);
}
