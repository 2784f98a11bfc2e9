using System.Buffers;
using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// A SignalR client transport over <see cref="ClientWebSocket"/>: two pipes pumped to and from the
/// socket. The full SignalR client package (with its HTTP connection and negotiation) does not
/// restore here, so tests connect straight to the hub's WebSocket, as <c>skipNegotiation</c> does.
/// </summary>
internal sealed class WebSocketConnection : ConnectionContext
{
    private readonly ClientWebSocket _socket;
    private readonly Pipe _incoming = new();
    private readonly Pipe _outgoing = new();
    private readonly CancellationTokenSource _aborted = new();
    private readonly Task _receiving;
    private readonly Task _sending;

    public WebSocketConnection(ClientWebSocket socket)
    {
        _socket = socket;
        Transport = new Duplex(_incoming.Reader, _outgoing.Writer);
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _aborted.Cancel();
        _socket.Abort();
    }

    public override async ValueTask DisposeAsync()
    {
        _outgoing.Writer.Complete();
        await Task.WhenAny(Task.WhenAll(_receiving, _sending), Task.Delay(TimeSpan.FromSeconds(5)));
        _socket.Abort();
        _socket.Dispose();
        _aborted.Dispose();
    }

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = _incoming.Writer.GetMemory(16 * 1024);
                var result = await _socket.ReceiveAsync(memory, _aborted.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _incoming.Writer.Advance(result.Count);
                var flush = await _incoming.Writer.FlushAsync();
                if (flush.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            error = ex;
        }

        await _incoming.Writer.CompleteAsync(error is OperationCanceledException ? null : error);
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var read = await _outgoing.Reader.ReadAsync(_aborted.Token);
                var buffer = read.Buffer;
                if (!buffer.IsEmpty)
                {
                    var position = buffer.Start;
                    var remaining = buffer.Length;
                    while (buffer.TryGet(ref position, out var segment))
                    {
                        remaining -= segment.Length;
                        await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: remaining == 0, _aborted.Token);
                    }
                }

                _outgoing.Reader.AdvanceTo(buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }

        await _outgoing.Reader.CompleteAsync();
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
