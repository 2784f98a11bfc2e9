using System.Net.Sockets;

namespace OrleansChat.LoadTest.Client;

/// <summary>Turns connection failures into <see cref="HubConnectException"/>s with stable codes.</summary>
internal static class ConnectErrors
{
    public static HubConnectException Cancelled(Exception ex, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? new HubConnectException("connect.timeout", "The connection attempt timed out or was cancelled.", ex)
            : new HubConnectException("connect.timeout", "The connection attempt timed out.", ex);

    public static HubConnectException HttpStatus(int status, Exception? ex = null) =>
        new($"connect.http_{status}", $"The hub answered the WebSocket upgrade with HTTP {status}.", ex);

    public static HubConnectException From(Exception ex)
    {
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socketError)
            {
                return socketError.SocketErrorCode == SocketError.ConnectionRefused
                    ? new HubConnectException("connect.refused", "The connection was refused (is the hub running?).", ex)
                    : new HubConnectException("connect.socket_" + socketError.SocketErrorCode.ToString().ToLowerInvariant(), socketError.Message, ex);
            }

            if (inner is OperationCanceledException or TimeoutException)
            {
                return new HubConnectException("connect.timeout", "The connection attempt timed out.", ex);
            }
        }

        return new HubConnectException("connect.failed", ex.Message, ex);
    }
}
