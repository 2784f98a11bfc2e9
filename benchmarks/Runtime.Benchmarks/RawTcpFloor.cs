using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace OrleansChat.Runtime.Benchmarks;

/// <summary>
/// The floor for remote calls: length-prefixed request/response over one loopback TCP connection,
/// pipelined, with coalesced writes on both sides, and no runtime at all. Same payload size and
/// the same number of calls in flight as the grain benchmark.
/// </summary>
internal sealed class RawTcpFloor : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly Channel<(byte[] Frame, TaskCompletionSource Done)> _outbound = Channel.CreateUnbounded<(byte[], TaskCompletionSource)>();
    private readonly ConcurrentQueue<TaskCompletionSource> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _server = Task.CompletedTask;
    private Task _writer = Task.CompletedTask;
    private Task _reader = Task.CompletedTask;

    public async Task StartAsync()
    {
        _listener.Start();
        _server = Task.Run(ServeAsync);
        await _client.ConnectAsync((IPEndPoint)_listener.LocalEndpoint);
        _writer = Task.Run(WriteLoopAsync);
        _reader = Task.Run(ReadLoopAsync);
    }

    public Task CallAsync(byte[] frame)
    {
        // Continuations run inline on the reader loop: the cheapest possible completion, as a floor should be.
        var done = new TaskCompletionSource();
        _outbound.Writer.TryWrite((frame, done));
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _outbound.Writer.TryComplete();
        _client.Dispose();
        _listener.Stop();
        await Task.WhenAll(_server, _writer, _reader).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public static byte[] Frame(int payloadBytes)
    {
        var frame = new byte[4 + payloadBytes];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payloadBytes);
        return frame;
    }

    private async Task WriteLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var reader = _outbound.Reader;
        while (await reader.WaitToReadAsync())
        {
            var length = 0;
            while (length < buffer.Length - 1024 && reader.TryRead(out var item))
            {
                // Order of the pending queue must equal order on the wire.
                _pending.Enqueue(item.Done);
                item.Frame.CopyTo(buffer, length);
                length += item.Frame.Length;
            }

            await _client.SendAsync(buffer.AsMemory(0, length));
        }
    }

    private async Task ReadLoopAsync()
    {
        using var stream = new NetworkStream(_client, ownsSocket: false);
        var header = new byte[4];
        var body = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await stream.ReadExactlyAsync(header);
                await stream.ReadExactlyAsync(body.AsMemory(0, BinaryPrimitives.ReadInt32LittleEndian(header)));
                if (_pending.TryDequeue(out var done))
                {
                    done.TrySetResult();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or EndOfStreamException)
        {
        }
    }

    private async Task ServeAsync()
    {
        try
        {
            using var socket = await _listener.AcceptSocketAsync(_stop.Token);
            socket.NoDelay = true;
            var input = new byte[256 * 1024];
            var filled = 0;
            while (!_stop.IsCancellationRequested)
            {
                var read = await socket.ReceiveAsync(input.AsMemory(filled));
                if (read == 0)
                {
                    return;
                }

                filled += read;
                var consumed = 0;
                while (filled - consumed >= 4)
                {
                    var length = BinaryPrimitives.ReadInt32LittleEndian(input.AsSpan(consumed));
                    if (filled - consumed < 4 + length)
                    {
                        break;
                    }

                    consumed += 4 + length;
                }

                // Echo every complete frame in one send: the server side coalesces too.
                if (consumed > 0)
                {
                    await socket.SendAsync(input.AsMemory(0, consumed));
                    input.AsSpan(consumed, filled - consumed).CopyTo(input);
                    filled -= consumed;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
