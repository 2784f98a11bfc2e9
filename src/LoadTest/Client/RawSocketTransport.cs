using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// The leanest hub transport: WebSocket framing done here, straight on the socket. One receive call
/// reads whatever the kernel has (often many frames), the frames are parsed in place and their
/// payload bytes go to the record framer without a copy; no stream layers, no per-message state
/// machines beyond the receive itself. Pings are answered, a close is answered and ends the loop.
/// </summary>
internal sealed class RawSocketTransport : HubTransport, IFrameSink
{
    private readonly Socket _socket;
    private readonly Stream? _tls;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly WebSocketFrameReader _reader = new();
    private ReadOnlyMemory<byte> _leftover;
    private IPayloadSink? _sink;
    private string? _closeReason;
    private volatile bool _closeSent;

    /// <param name="socket">The connected socket, after the upgrade.</param>
    /// <param name="tls">The TLS stream over it, when the URL was https/wss.</param>
    /// <param name="leftover">Bytes read past the end of the upgrade response (the first frames).</param>
    public RawSocketTransport(Socket socket, Stream? tls, ReadOnlyMemory<byte> leftover)
    {
        _socket = socket;
        _tls = tls;
        _leftover = leftover;
    }

    public override async Task<string> ReceiveAsync(byte[] buffer, IPayloadSink sink)
    {
        _sink = sink;
        if (!_leftover.IsEmpty)
        {
            _reader.Feed(_leftover.Span, this);
            _leftover = default;
        }

        while (_closeReason is null)
        {
            var read = _tls is null
                ? await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None)
                : await _tls.ReadAsync(buffer.AsMemory());
            if (read == 0)
            {
                return "connection closed by server without a close frame";
            }

            _reader.Feed(buffer.AsSpan(0, read), this);
        }

        return _closeReason;
    }

    public override async ValueTask SendTextAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        await SendFrameAsync(WebSocketOpcode.Text, payload, cancellationToken);

    public override async Task CloseOutputAsync(CancellationToken cancellationToken)
    {
        if (_closeSent)
        {
            return;
        }

        _closeSent = true;
        var status = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(status, 1000);
        await SendFrameAsync(WebSocketOpcode.Close, status, cancellationToken);
    }

    public override void Abort()
    {
        _tls?.Dispose();
        _socket.Dispose();
    }

    void IPayloadSink.OnPayload(ReadOnlySpan<byte> payload) => _sink!.OnPayload(payload);

    void IFrameSink.OnControl(WebSocketOpcode opcode, ReadOnlySpan<byte> payload)
    {
        switch (opcode)
        {
            case WebSocketOpcode.Ping:
                _ = ReplyAsync(WebSocketOpcode.Pong, payload.ToArray());
                break;
            case WebSocketOpcode.Close:
                var status = payload.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(payload) : (ushort)1005;
                var reason = payload.Length > 2 ? Encoding.UTF8.GetString(payload[2..]) : string.Empty;
                _closeReason = $"closed by server ({status}: {reason})";
                if (!_closeSent)
                {
                    _closeSent = true;
                    _ = ReplyAsync(WebSocketOpcode.Close, payload.Length >= 2 ? payload[..2].ToArray() : []);
                }

                break;
        }
    }

    private async Task ReplyAsync(WebSocketOpcode opcode, byte[] payload)
    {
        try
        {
            await SendFrameAsync(opcode, payload, CancellationToken.None);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The connection is going away anyway; the receive loop reports why.
        }
    }

    private async ValueTask SendFrameAsync(WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = ArrayPool<byte>.Shared.Rent(payload.Length + WebSocketFrameWriter.MaxHeaderLength);
        try
        {
            var length = WebSocketFrameWriter.Write(opcode, payload.Span, frame, (uint)Random.Shared.Next() ^ ((uint)Random.Shared.Next() << 1));
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                if (_tls is null)
                {
                    await _socket.SendAsync(frame.AsMemory(0, length), SocketFlags.None, cancellationToken);
                }
                else
                {
                    await _tls.WriteAsync(frame.AsMemory(0, length), cancellationToken);
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }
}
