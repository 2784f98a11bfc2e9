using System.Net.WebSockets;

namespace OrleansChat.LoadTest.Client;

/// <summary>A hub transport over the framework's managed <see cref="WebSocket"/>.</summary>
internal sealed class ManagedWebSocketTransport(WebSocket socket) : HubTransport
{
    public override async Task<string> ReceiveAsync(byte[] buffer, IPayloadSink sink)
    {
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return $"closed by server ({socket.CloseStatus}: {socket.CloseStatusDescription})";
            }

            sink.OnPayload(buffer.AsSpan(0, result.Count));
        }
    }

    public override ValueTask SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    public override Task CloseOutputAsync(CancellationToken cancellationToken) =>
        socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);

    public override void Abort()
    {
        socket.Abort();
        socket.Dispose();
    }
}
