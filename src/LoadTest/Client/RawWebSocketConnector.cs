using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// Connects a socket and performs the HTTP/1.1 WebSocket upgrade itself (RFC 6455 §4.1: key,
/// version, accept check). Then either frames the WebSocket itself (<see cref="RawSocketTransport"/>)
/// or hands the socket's stream to the framework's managed WebSocket
/// (<see cref="WebSocket.CreateFromStream(Stream, WebSocketCreationOptions)"/>), for comparison.
/// </summary>
internal sealed class RawWebSocketConnector(bool ownFraming) : IWebSocketConnector
{
    private const int MaxResponseHeaderBytes = 16 * 1024;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    public async Task<HubTransport> ConnectAsync(Uri url, CancellationToken cancellationToken)
    {
        var secure = url.Scheme is "wss" or "https";
        var endpoint = await ResolveAsync(url, cancellationToken);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        SslStream? tls = null;
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (secure)
            {
                tls = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = tls;
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = url.IdnHost }, cancellationToken);
            }

            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            var request = $"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
                $"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), cancellationToken);
            var leftover = await ReadUpgradeResponseAsync(stream, key, cancellationToken);
            if (ownFraming)
            {
                return new RawSocketTransport(socket, tls, leftover);
            }

            if (leftover.Length > 0)
            {
                stream = new PrefixedStream(leftover, stream);
            }

            return new ManagedWebSocketTransport(
                WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero }));
        }
        catch (Exception ex) when (ex is not HubConnectException)
        {
            Dispose(stream, socket);
            throw ex is OperationCanceledException ? ConnectErrors.Cancelled(ex, cancellationToken) : ConnectErrors.From(ex);
        }
        catch (HubConnectException)
        {
            Dispose(stream, socket);
            throw;
        }
    }

    public void Dispose()
    {
    }

    /// <summary>Reads the response header; returns whatever was read beyond it.</summary>
    private static async Task<byte[]> ReadUpgradeResponseAsync(Stream stream, string key, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        var filled = 0;
        int end;
        while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (filled == buffer.Length)
            {
                if (buffer.Length >= MaxResponseHeaderBytes)
                {
                    throw new HubConnectException("connect.bad_upgrade", $"The upgrade response header exceeds {MaxResponseHeaderBytes} bytes.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                throw new HubConnectException("connect.closed", "The server closed the connection during the WebSocket upgrade.");
            }

            filled += read;
        }

        var header = Encoding.Latin1.GetString(buffer, 0, end);
        var lines = header.Split("\r\n");
        var status = lines[0].Split(' ', 3);
        if (status.Length < 2 || !status[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(status[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            throw new HubConnectException("connect.bad_upgrade", $"Not an HTTP response to the upgrade: '{lines[0]}'.");
        }

        if (code != (int)HttpStatusCode.SwitchingProtocols)
        {
            throw ConnectErrors.HttpStatus(code);
        }

        var expected = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
        var accept = lines.Skip(1).Select(l => l.Split(':', 2)).FirstOrDefault(p => p.Length == 2 && p[0].Trim().Equals("Sec-WebSocket-Accept", StringComparison.OrdinalIgnoreCase));
        if (accept is null || accept[1].Trim() != expected)
        {
            throw new HubConnectException("connect.bad_upgrade", "The upgrade response's Sec-WebSocket-Accept does not match the key.");
        }

        return buffer[(end + 4)..filled];
    }

    private static async Task<IPEndPoint> ResolveAsync(Uri url, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(url.IdnHost, out var address))
        {
            return new IPEndPoint(address, url.Port);
        }

        var addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
        return new IPEndPoint(addresses.FirstOrDefault() ?? throw new HubConnectException("connect.dns", $"{url.IdnHost} has no address."), url.Port);
    }

    private static void Dispose(Stream? stream, Socket socket)
    {
        stream?.Dispose();
        socket.Dispose();
    }
}
