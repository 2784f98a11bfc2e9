using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// The hub over a bare <see cref="ClientWebSocket"/>, speaking the SignalR JSON protocol by hand:
/// for tests that look at WebSocket messages themselves (which records share one) or that must
/// stop reading, which a SignalR client never does.
/// </summary>
public sealed class RawHubSocket : IDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket;

    private RawHubSocket(ClientWebSocket socket) => _socket = socket;

    /// <summary>Connects with <paramref name="hubToken"/> and completes the JSON protocol handshake.</summary>
    /// <param name="receiveBufferBytes">The socket's receive buffer, set before connecting (a small one makes a reader that stops reading fill up quickly).</param>
    public static async Task<RawHubSocket> ConnectAsync(GatewayHost gateway, string hubToken, int? receiveBufferBytes = null)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                if (receiveBufferBytes is { } bytes)
                {
                    socket.ReceiveBufferSize = bytes;
                }

                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new RawHubSocket(new ClientWebSocket());
        await Wait.For(client._socket.ConnectAsync(HubClient.HubUri(gateway, hubToken), new HttpMessageInvoker(handler), CancellationToken.None), "the WebSocket handshake");
        await client.SendAsync("""{"protocol":"json","version":1}""");
        await client.ReadUntilAsync("{}");
        return client;
    }

    /// <summary>Subscribes to <paramref name="conversationId"/> from the start and waits for the result.</summary>
    public async Task SubscribeAsync(string conversationId)
    {
        await SendAsync($$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":["{{conversationId}}",null]}""");
        await ReadUntilAsync("\"invocationId\":\"1\"");
    }

    /// <summary>Sends one record (the separator is added).</summary>
    public Task SendAsync(string record, CancellationToken cancellationToken = default) =>
        Wait.For(_socket.SendAsync(Encoding.UTF8.GetBytes(record + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken), "a send");

    /// <summary>The records of the next WebSocket message.</summary>
    public async Task<IReadOnlyList<string>> ReadMessageAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await Wait.For(_socket.ReceiveAsync(buffer, CancellationToken.None), "a WebSocket message");
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Reads WebSocket messages until one holds a record containing <paramref name="marker"/>.</summary>
    public async Task ReadUntilAsync(string marker)
    {
        while (!(await ReadMessageAsync()).Any(r => r.Contains(marker, StringComparison.Ordinal)))
        {
        }
    }

    /// <summary>Reads on until the server closes the connection (a close frame, or the connection cut).</summary>
    public async Task DrainUntilClosedAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while ((await _socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
            // Aborted without a close frame: also closed.
        }
    }

    public void Dispose() => _socket.Dispose();
}
