using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// The dialing side: one multiplexed connection per remote endpoint, opened on first use. Callers
/// that arrive while a connection is being opened share that one attempt. After a failed attempt
/// the next one waits an exponential, jittered backoff; callers arriving meanwhile join that
/// delayed attempt rather than failing at once or dialing on their own. A closed connection is
/// dropped, so the next call dials again.
/// </summary>
internal sealed partial class ConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<EndPoint, Entry> _entries = new();
    private readonly MessagingOptions _options;
    private readonly Handshake _localHandshake;
    private readonly IMessageHandler _handler;
    private readonly MessageFrameCodec _codec;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly SocketConnectionContextFactory _socketFactory;
    private readonly CancellationTokenSource _disposed = new();

    public ConnectionManager(
        IOptions<MessagingOptions> options,
        PeerIdentity localIdentity,
        IMessageHandler handler,
        MessageFrameCodec codec,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        _options = options.Value;
        _localHandshake = new Handshake(Handshake.CurrentProtocolVersion, _options.ClusterId, localIdentity);
        _handler = handler;
        _codec = codec;
        _timeProvider = timeProvider;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<ConnectionManager>();
        _socketFactory = new SocketConnectionContextFactory(new SocketConnectionFactoryOptions(), _logger);
    }

    /// <summary>Open connections held now.</summary>
    public int Count => _entries.Values.Count(entry => entry.Connection is { IsClosed: false });

    /// <summary>
    /// The open connection to <paramref name="endpoint"/>, dialing (or joining a dial in progress)
    /// when there is none.
    /// </summary>
    /// <exception cref="ConnectionFailedException">The connection could not be opened or its handshake was refused.</exception>
    public async ValueTask<Connection> GetConnectionAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        while (true)
        {
            var entry = _entries.GetOrAdd(endpoint, static key => new Entry(key));
            Task<Connection> attempt;
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (entry.Connection is { IsClosed: false } open)
                {
                    return open;
                }

                // The attempt belongs to no caller: one caller giving up must not cancel it for the others.
                attempt = entry.Attempt ??= ConnectWithBackoffAsync(entry);
            }

            return await attempt.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The open connection to <paramref name="endpoint"/> if there is one; never dials.</summary>
    public bool TryGetConnection(EndPoint endpoint, out Connection connection)
    {
        if (_entries.TryGetValue(endpoint, out var entry) && entry.Connection is { IsClosed: false } open)
        {
            connection = open;
            return true;
        }

        connection = null!;
        return false;
    }

    /// <summary>Closes every connection gracefully and stops dialing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        await _disposed.CancelAsync();
        var closing = _entries.Values.Select(entry => entry.Connection).OfType<Connection>().Select(c => c.DisposeAsync().AsTask());
        await Task.WhenAll(closing);
        _socketFactory.Dispose();
    }

    private async Task<Connection> ConnectWithBackoffAsync(Entry entry)
    {
        // Never complete synchronously: the caller is still inside the entry's lock assigning this task.
        await Task.Yield();
        try
        {
            var wait = _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), entry.NextAttemptTimestamp);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _timeProvider, _disposed.Token);
            }

            var connection = await ConnectAsync(entry.EndPoint);
            lock (entry)
            {
                entry.Connection = connection;
                entry.Attempt = null;
                entry.Failures = 0;
            }

            if (_disposed.IsCancellationRequested)
            {
                // Disposal snapshot may have missed this connection; do not leak it.
                await connection.DisposeAsync();
                throw new ObjectDisposedException(nameof(ConnectionManager));
            }

            connection.OnClosed((closed, _) => OnConnectionClosed(entry, closed));
            _ = connection.RunAsync();
            Log.Connected(_logger, entry.EndPoint, connection.RemoteIdentity);
            return connection;
        }
        catch (Exception ex)
        {
            TimeSpan delay;
            int failures;
            lock (entry)
            {
                failures = ++entry.Failures;
                delay = ReconnectBackoff.GetDelay(failures, _options.ReconnectInitialDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
                entry.NextAttemptTimestamp = _timeProvider.GetTimestamp() + (long)(delay.TotalSeconds * _timeProvider.TimestampFrequency);
                entry.Attempt = null;
            }

            Log.ConnectFailed(_logger, ex, entry.EndPoint, failures, delay);
            if (ex is ConnectionFailedException)
            {
                throw;
            }

            throw new ConnectionFailedException($"Could not connect to {entry.EndPoint}: {ex.Message}", ex);
        }
    }

    private void OnConnectionClosed(Entry entry, Connection closed)
    {
        lock (entry)
        {
            if (!ReferenceEquals(entry.Connection, closed))
            {
                return;
            }

            entry.Connection = null;

            // Keep an entry that is dialing (or carries backoff state); drop a plain idle one so
            // endpoints of silos long gone do not pile up.
            if (entry.Attempt is null && entry.Failures == 0)
            {
                entry.Removed = true;
                _entries.TryRemove(new KeyValuePair<EndPoint, Entry>(entry.EndPoint, entry));
            }
        }
    }

    /// <summary>Per-endpoint state; guarded by locking the entry itself.</summary>
    private sealed class Entry(EndPoint endPoint)
    {
        public EndPoint EndPoint { get; } = endPoint;

        public Connection? Connection { get; set; }

        public Task<Connection>? Attempt { get; set; }

        public int Failures { get; set; }

        /// <summary>Earliest <see cref="TimeProvider.GetTimestamp"/> at which the next attempt may dial.</summary>
        public long NextAttemptTimestamp { get; set; }

        /// <summary>Taken out of the map; callers holding it must look again.</summary>
        public bool Removed { get; set; }
    }
}
