using System.Net;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Every log line of the transport, with stable event ids (1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "Connection {ConnectionId} with {Peer} at {RemoteEndPoint} is open ({Direction})")]
    public static partial void ConnectionOpened(ILogger logger, string connectionId, PeerIdentity peer, EndPoint? remoteEndPoint, string direction);

    [LoggerMessage(1001, LogLevel.Information, "Connection {ConnectionId} with {Peer} closed: {Reason} ({UnsentCount} queued messages unsent)")]
    public static partial void ConnectionClosed(ILogger logger, string connectionId, PeerIdentity peer, string reason, int unsentCount);

    [LoggerMessage(1002, LogLevel.Warning, "Connection {ConnectionId} with {Peer} closed after a fault ({UnsentCount} queued messages unsent)")]
    public static partial void ConnectionFaulted(ILogger logger, Exception exception, string connectionId, PeerIdentity peer, int unsentCount);

    [LoggerMessage(1003, LogLevel.Warning, "Connection {ConnectionId} from {RemoteEndPoint} sent a malformed frame; closing that connection")]
    public static partial void MalformedFrame(ILogger logger, FrameFormatException exception, string connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(1004, LogLevel.Error, "The message handler failed on {Message} from connection {ConnectionId}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, Message message, string connectionId);

    [LoggerMessage(1005, LogLevel.Error, "A closed-callback of connection {ConnectionId} failed")]
    public static partial void ClosedCallbackFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(1010, LogLevel.Warning, "Refused connection {ConnectionId} from {RemoteEndPoint} ({Peer}): {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, string connectionId, EndPoint? remoteEndPoint, PeerIdentity peer, string reason);

    [LoggerMessage(1011, LogLevel.Warning, "Handshake on connection {ConnectionId} from {RemoteEndPoint} failed; closing it")]
    public static partial void HandshakeFailed(ILogger logger, Exception exception, string connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(1012, LogLevel.Warning, "Handshake on connection {ConnectionId} from {RemoteEndPoint} did not finish within {Timeout}; closing it")]
    public static partial void HandshakeTimedOut(ILogger logger, string connectionId, EndPoint? remoteEndPoint, TimeSpan timeout);

    [LoggerMessage(1020, LogLevel.Information, "Connected to {EndPoint} ({Peer})")]
    public static partial void Connected(ILogger logger, EndPoint endPoint, PeerIdentity peer);

    [LoggerMessage(1021, LogLevel.Warning, "Connecting to {EndPoint} failed ({Failures} in a row); the next attempt waits {Delay}")]
    public static partial void ConnectFailed(ILogger logger, Exception exception, EndPoint endPoint, int failures, TimeSpan delay);
}
