using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using OrleansChat.Runtime.Messaging;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>
/// A hand-driven TCP peer: it speaks the frame format only when told to, so tests can send what a
/// well-behaved connection never would, or stop reading altogether.
/// </summary>
internal sealed class RawPeer : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly MessageFrameCodec _codec = new(16 * 1024 * 1024);

    private RawPeer(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public static async Task<RawPeer> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        return new RawPeer(socket);
    }

    public static RawPeer FromAccepted(Socket socket) => new(socket);

    public static Handshake CreateHandshake(string clusterId, int protocolVersion = Handshake.CurrentProtocolVersion, ConnectionRole role = ConnectionRole.Silo) =>
        new(protocolVersion, clusterId, new PeerIdentity(role, "raw-peer-" + Guid.NewGuid().ToString("N")));

    public Task SendHandshakeAsync(Handshake handshake) => ConnectionHandshake.SendAsync(Output, _codec, handshake, CancellationToken.None).AsTask();

    public Task<Handshake> ReceiveHandshakeAsync() => ConnectionHandshake.ReceiveAsync(Input, CancellationToken.None).AsTask();

    public async Task SendMessageAsync(Message message)
    {
        _codec.Write(Output, message);
        await Output.FlushAsync();
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await Output.WriteAsync(bytes);
    }

    /// <summary>Reads until the other side closes; returns the bytes that arrived before that.</summary>
    public async Task<long> ReadUntilClosedAsync()
    {
        long total = 0;
        try
        {
            while (true)
            {
                var result = await Input.ReadAsync();
                total += result.Buffer.Length;
                Input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return total;
                }
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
            return total;
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}
