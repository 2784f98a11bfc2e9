using System.Diagnostics;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using OrleansChat.LoadTest.Protocol;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// One SignalR connection speaking the JSON hub protocol directly over a WebSocket (the managed
/// <see cref="WebSocket"/> of System.Net.WebSockets; no negotiate request: the WebSocket goes
/// straight to the hub URL). No thread and no timer of its own: one async receive loop per
/// connection, sends serialized by a semaphore, keep-alive and timeouts driven by the fleet's
/// single maintenance loop. A received message is parsed in place
/// from the receive buffer; the only per-delivery work is one JSON scan and a histogram increment.
/// </summary>
internal sealed partial class HubClient : IRecordSink, IPayloadSink
{
    private static ReadOnlySpan<byte> MessagePosted => "MessagePosted"u8;

    private readonly HubClientOptions _options;
    private readonly IWebSocketConnector _connector;
    private readonly IHubClientObserver _observer;
    private readonly byte[] _receiveBuffer;
    private readonly RecordFramer _framer;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _pendingLock = new();
    private readonly Dictionary<long, PendingInvocation> _pending = [];
    private volatile Subscription[] _subscriptions = [];
    private Connection? _connection;
    private int _state;
    private long _nextInvocationId;
    private long _lastReceived;
    private long _lastSent;
    private int _inFlightSends;
    private int _generation;

    public HubClient(int index, ChatIdentity identity, HubClientOptions options, IWebSocketConnector connector, IHubClientObserver observer)
    {
        Index = index;
        Identity = identity;
        _options = options;
        _connector = connector;
        _observer = observer;
        _receiveBuffer = new byte[options.ReceiveBufferBytes];
        _framer = new RecordFramer(options.MaxRecordBytes);
    }

    public int Index { get; }

    public ChatIdentity Identity { get; }

    public HubClientState State => (HubClientState)Volatile.Read(ref _state);

    public bool IsConnected => State == HubClientState.Connected;

    public long LastReceivedTimestamp => Volatile.Read(ref _lastReceived);

    public long LastSentTimestamp => Volatile.Read(ref _lastSent);

    /// <summary>Sends posted and not yet acknowledged or failed.</summary>
    public int InFlightSends => Volatile.Read(ref _inFlightSends);

    public IReadOnlyList<Subscription> Subscriptions => _subscriptions;

    /// <summary>Why the last connection ended (or failed to start).</summary>
    public string? LastError { get; private set; }

    /// <summary>Successful reconnects after the first connection.</summary>
    public int Reconnects { get; internal set; }

    // Fleet bookkeeping for reconnects.
    internal int ReconnectAttempt;
    internal long NextReconnectTimestamp;
    internal int ReconnectInProgress;
    internal bool EverConnected;

    /// <summary>Opens the WebSocket and completes the SignalR handshake.</summary>
    /// <exception cref="HubConnectException">The upgrade or the handshake failed; <see cref="HubConnectException.Code"/> says how.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, (int)HubClientState.Connecting, (int)HubClientState.Disconnected) != (int)HubClientState.Disconnected)
        {
            throw new InvalidOperationException($"Client {Index} cannot connect while {State}.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        HubTransport socket;
        try
        {
            socket = await _connector.ConnectAsync(BuildUri(), timeout.Token);
        }
        catch (HubConnectException ex)
        {
            LastError = ex.Message;
            Volatile.Write(ref _state, (int)HubClientState.Disconnected);
            throw;
        }

        var connection = new Connection(socket, Interlocked.Increment(ref _generation));
        try
        {
            _framer.Reset();
            Volatile.Write(ref _connection, connection);
            var now = Stopwatch.GetTimestamp();
            Volatile.Write(ref _lastReceived, now);
            Volatile.Write(ref _lastSent, now);
            _ = ReceiveLoopAsync(connection);
            await SendRawAsync(connection, HandshakeFrame, timeout.Token);
            var error = await connection.Handshake.Task.WaitAsync(timeout.Token);
            if (error is not null)
            {
                throw new HubConnectException("connect.handshake", $"The hub refused the handshake: {error}");
            }

            Volatile.Write(ref _state, (int)HubClientState.Connected);
            EverConnected = true;
        }
        catch (Exception ex)
        {
            var failure = ex as HubConnectException ?? await WhyTheConnectionEndedAsync(connection)
                ?? (ex is OperationCanceledException ? ConnectErrors.Cancelled(ex, cancellationToken) : ConnectErrors.From(ex));
            LastError = failure.Message;
            // The receive loop ends and sets the state back to Disconnected.
            connection.AbortRequested = true;
            socket.Abort();
            throw failure;
        }
    }

    /// <summary>
    /// When the server closed the connection right after the upgrade (a hub that refuses the client,
    /// or a placeholder endpoint), the handshake send fails on a disposed socket; the receive loop
    /// knows the real reason. Waits briefly for it.
    /// </summary>
    private static async Task<HubConnectException?> WhyTheConnectionEndedAsync(Connection connection)
    {
        try
        {
            var ended = await connection.Closed.Task.WaitAsync(TimeSpan.FromSeconds(1)).ContinueWith(_ => connection.Handshake.Task, TaskScheduler.Default).Unwrap();
            return ended is null ? null : new HubConnectException("connect.closed", ended);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Waits until a failed or dropped connection has fully wound down, so the client can connect again.</summary>
    public async Task WaitDisconnectedAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (State is HubClientState.Connecting or HubClientState.Connected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Client {Index} did not finish disconnecting within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Sends a SignalR ping unless another send is under way (which keeps the connection alive anyway).</summary>
    public void SendPing()
    {
        var connection = Volatile.Read(ref _connection);
        if (!IsConnected || connection is null)
        {
            return;
        }

        _ = PingAsync(connection);
    }

    /// <summary>
    /// Drops the connection without a close handshake (as a crashed client or a lost network would).
    /// <paramref name="intentional"/>: the scenario wanted it (a reconnect storm), not a failure.
    /// </summary>
    public void Abort(string reason, bool intentional = true)
    {
        var connection = Volatile.Read(ref _connection);
        if (connection is null)
        {
            return;
        }

        LastError = reason;
        connection.AbortRequested = intentional;
        connection.AbortReason = reason;
        connection.Socket.Abort();
    }

    /// <summary>Closes for good (the fleet will not reconnect it): a WebSocket close handshake, bounded by <paramref name="timeout"/>.</summary>
    public async Task CloseAsync(TimeSpan timeout)
    {
        var previous = (HubClientState)Interlocked.Exchange(ref _state, (int)HubClientState.Closed);
        var connection = Volatile.Read(ref _connection);
        if (connection is null || previous == HubClientState.Closed)
        {
            return;
        }

        connection.AbortRequested = true;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await connection.Socket.CloseOutputAsync(cts.Token);
            await connection.Closed.Task.WaitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
        }
        finally
        {
            connection.Socket.Abort();
        }
    }

    private async Task SendFrameAsync(Connection connection, FrameBuffer frame, long invocationId)
    {
        try
        {
            await SendRawAsync(connection, frame.WrittenMemory, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException or OperationCanceledException)
        {
            if (invocationId >= 0)
            {
                PendingInvocation? invocation;
                lock (_pendingLock)
                {
                    _pending.Remove(invocationId, out invocation);
                }

                invocation?.Fail(this, "client.disconnected", $"The send failed: {ex.Message}");
            }
        }
        finally
        {
            frame.Dispose();
        }
    }

    private async Task PingAsync(Connection connection)
    {
        // A ping is only needed when nothing else is being sent; never queue behind other sends.
        if (!await _sendLock.WaitAsync(0))
        {
            return;
        }

        try
        {
            await connection.Socket.SendTextAsync(PingFrame, CancellationToken.None);
            Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or IOException or OperationCanceledException)
        {
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static readonly ReadOnlyMemory<byte> PingFrame = HubMessageWriter.Ping.ToArray();
    private static readonly ReadOnlyMemory<byte> HandshakeFrame = HubMessageWriter.Handshake.ToArray();

    private async Task SendRawAsync(Connection connection, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (connection != Volatile.Read(ref _connection))
            {
                throw new InvalidOperationException("The connection this frame was written for has been replaced.");
            }

            await connection.Socket.SendTextAsync(frame, cancellationToken);
            Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private Uri BuildUri()
    {
        var builder = new UriBuilder(_options.HubUrl);
        builder.Scheme = builder.Scheme switch
        {
            "http" => "ws",
            "https" => "wss",
            _ => builder.Scheme,
        };
        var query = builder.Query.TrimStart('?');
        var token = "access_token=" + Uri.EscapeDataString(Identity.HubToken);
        builder.Query = query.Length == 0 ? token : query + "&" + token;
        return builder.Uri;
    }
}
