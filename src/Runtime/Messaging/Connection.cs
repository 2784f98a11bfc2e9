using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// One multiplexed, handshaken connection to a peer. A read loop hands every incoming message to an
/// <see cref="IMessageHandler"/>; senders put encoded frames into a bounded queue that a single
/// writer loop drains, writing as many queued frames as are ready before each flush, so under load
/// one syscall carries many messages. When the queue is full, <see cref="SendAsync"/> waits and
/// <see cref="TrySend"/> fails: memory stays bounded when a peer stops reading.
/// </summary>
internal sealed partial class Connection : IAsyncDisposable
{
    /// <summary>
    /// Bytes written before a flush even if more frames are queued, so a deep queue does not buffer
    /// megabytes in the pipe (and delay the first of them) before anything reaches the socket.
    /// </summary>
    internal const int MaxBatchBytes = 64 * 1024;

    private readonly ConnectionContext _transport;
    private readonly bool _ownsTransport;
    private readonly IMessageHandler _handler;
    private readonly MessageFrameCodec _codec;
    private readonly Channel<EncodedFrame> _outbound;
    private readonly int _capacity;
    private readonly TimeSpan _closeTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly TaskCompletionSource<ConnectionClosedInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _runLock = new();
    private Task? _run;
    private Exception? _closeReason;
    private int _aborted;
    private long _flushCount;
    private long _messagesWritten;
    private long _messagesReceived;
    private long _lastReceivedTicks;

    /// <param name="transport">The handshaken transport; frames after the handshake are still in its input.</param>
    /// <param name="ownsTransport">True when this connection disposes the transport (dialed); Kestrel owns accepted ones.</param>
    public Connection(
        ConnectionContext transport,
        Handshake remote,
        bool isInbound,
        bool ownsTransport,
        IMessageHandler handler,
        MessageFrameCodec codec,
        MessagingOptions options,
        TimeProvider timeProvider,
        ILogger<Connection> logger)
    {
        _transport = transport;
        _ownsTransport = ownsTransport;
        _handler = handler;
        _codec = codec;
        _capacity = options.OutboundQueueCapacity;
        _closeTimeout = options.CloseTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
        Remote = remote;
        IsInbound = isInbound;
        _outbound = Channel.CreateBounded<EncodedFrame>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    /// <summary>The transport's connection id, for logs.</summary>
    public string Id => _transport.ConnectionId;

    /// <summary>The handshake the peer sent.</summary>
    public Handshake Remote { get; }

    public PeerIdentity RemoteIdentity => Remote.Sender;

    public EndPoint? RemoteEndPoint => _transport.RemoteEndPoint;

    /// <summary>True when the peer dialed this process.</summary>
    public bool IsInbound { get; }

    /// <summary>True once the connection is closing or closed; sends then fail.</summary>
    public bool IsClosed => Volatile.Read(ref _closeReason) is not null;

    /// <summary>Completes once the connection is closed, with the reason and the unsent messages.</summary>
    public Task<ConnectionClosedInfo> Completion => _closed.Task;

    /// <summary>Frames waiting in the outbound queue.</summary>
    public int QueuedCount => _outbound.Reader.Count;

    /// <summary>Flushes of the outbound pipe so far (each is at most one socket write).</summary>
    internal long FlushCount => Interlocked.Read(ref _flushCount);

    /// <summary>Messages written to the outbound pipe so far.</summary>
    internal long MessagesWritten => Interlocked.Read(ref _messagesWritten);

    /// <summary>Messages read and handed to the handler so far.</summary>
    internal long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Milliseconds since the last message arrived (<see cref="Environment.TickCount64"/> based), or null if none has.</summary>
    internal long? MillisecondsSinceLastReceive
    {
        get
        {
            var last = Volatile.Read(ref _lastReceivedTicks);
            return last == 0 ? null : Environment.TickCount64 - last;
        }
    }

    /// <summary>Starts the read and write loops (once); the task completes when the connection has closed.</summary>
    public Task RunAsync()
    {
        lock (_runLock)
        {
            return _run ??= RunCoreAsync();
        }
    }

    /// <summary>
    /// Queues <paramref name="message"/>, waiting while the queue is full. Completes when the message
    /// is queued, not when it is written.
    /// </summary>
    /// <exception cref="ConnectionClosedException">The connection is closed, or closed while waiting.</exception>
    /// <exception cref="MessageTooLargeException">The message does not fit in a frame.</exception>
    public ValueTask SendAsync(Message message, CancellationToken cancellationToken = default)
    {
        if (IsClosed)
        {
            return ValueTask.FromException(CreateClosedException());
        }

        var frame = _codec.Encode(message);
        return _outbound.Writer.TryWrite(frame) ? ValueTask.CompletedTask : SendSlowAsync(frame, cancellationToken);
    }

    /// <summary>Queues <paramref name="message"/> if there is room now; false when the queue is full or the connection is closed.</summary>
    /// <exception cref="MessageTooLargeException">The message does not fit in a frame.</exception>
    public bool TrySend(Message message)
    {
        // The cheap checks first, so a full queue does not cost an encode per attempt.
        if (IsClosed || _outbound.Reader.Count >= _capacity)
        {
            return false;
        }

        var frame = _codec.Encode(message);
        if (_outbound.Writer.TryWrite(frame))
        {
            return true;
        }

        frame.Release();
        return false;
    }

    /// <summary>Runs <paramref name="callback"/> once the connection has closed (at once if it already has).</summary>
    public void OnClosed(Action<Connection, ConnectionClosedInfo> callback) => _ = InvokeWhenClosedAsync(callback);

    /// <summary>Closes at once (a TCP reset): queued messages are not written and are reported as unsent.</summary>
    public void Abort(Exception? reason = null)
    {
        SetCloseReason(reason ?? new ConnectionClosedException($"Connection {Id} was aborted locally."));
        if (Interlocked.Exchange(ref _aborted, 1) != 0)
        {
            return;
        }

        _outbound.Writer.TryComplete();

        // Abort the transport before cancelling the loops: cancellation can run a loop's
        // continuation inline, and the run task must not dispose a transport not yet aborted.
        _transport.Abort(new ConnectionAbortedException($"Connection {Id} closed: {_closeReason!.Message}"));
        _abort.Cancel();
    }

    /// <summary>
    /// Closes gracefully: refuses new sends, writes what is queued, ends the output (FIN) and waits
    /// for the read side to end; whatever is not done within the close timeout is aborted. Kestrel's
    /// socket transport shuts both directions once output ends, so frames the peer sends after that
    /// are lost: callers learn of the close and fail their outstanding calls.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        SetCloseReason(new ConnectionClosedException($"Connection {Id} was closed locally."));
        _outbound.Writer.TryComplete();
        var run = RunAsync();
        await AbortUnlessDoneAsync(run);
        await run;
    }

    public override string ToString() => $"Connection {Id} with {RemoteIdentity}";

    private async ValueTask SendSlowAsync(EncodedFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            await _outbound.Writer.WriteAsync(frame, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            frame.Release();
            throw CreateClosedException();
        }
        catch (OperationCanceledException)
        {
            frame.Release();
            throw;
        }
    }

    private async Task RunCoreAsync()
    {
        Log.ConnectionOpened(_logger, Id, RemoteIdentity, RemoteEndPoint, IsInbound ? "inbound" : "outbound");
        var writing = WriteLoopAsync();
        await ReadLoopAsync();

        // The read side has ended: on a fault everything was aborted; when the peer ended its
        // output, the queue is complete and the writer drains it, within the close timeout.
        await AbortUnlessDoneAsync(writing);
        await writing;

        // From here the transport is released (by us or by Kestrel): a late Abort must not touch it.
        Interlocked.Exchange(ref _aborted, 1);
        if (_ownsTransport)
        {
            await _transport.DisposeAsync();
        }

        Complete();
    }

    private async Task AbortUnlessDoneAsync(Task task)
    {
        try
        {
            await task.WaitAsync(_closeTimeout, _timeProvider);
        }
        catch (TimeoutException)
        {
            Abort(new ConnectionClosedException($"Connection {Id} did not close within {_closeTimeout}."));
        }
    }

    private void Complete()
    {
        // Both loops have stopped and the queue is complete, so what is left was never written.
        var unsent = new List<Message>();
        while (_outbound.Reader.TryRead(out var frame))
        {
            if (frame.Message is not null)
            {
                unsent.Add(frame.Message);
            }

            frame.Release();
        }

        var reason = _closeReason!;
        if (reason is ConnectionClosedException)
        {
            Log.ConnectionClosed(_logger, Id, RemoteIdentity, reason.Message, unsent.Count);
        }
        else
        {
            Log.ConnectionFaulted(_logger, reason, Id, RemoteIdentity, unsent.Count);
        }

        _closed.TrySetResult(new ConnectionClosedInfo(reason, unsent));
    }

    private async Task InvokeWhenClosedAsync(Action<Connection, ConnectionClosedInfo> callback)
    {
        var info = await _closed.Task;
        try
        {
            callback(this, info);
        }
        catch (Exception ex)
        {
            Log.ClosedCallbackFailed(_logger, ex, Id);
        }
    }

    private void SetCloseReason(Exception reason) => Interlocked.CompareExchange(ref _closeReason, reason, null);

    private ConnectionClosedException CreateClosedException() =>
        new($"Connection {Id} with {RemoteIdentity} is closed.", Volatile.Read(ref _closeReason));
}
