using System.Diagnostics;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Client;

/// <summary>
/// Thousands of <see cref="HubClient"/>s in one process. Connections are opened with bounded
/// concurrency; one maintenance loop (every 500 ms, for the whole fleet) sends keep-alive pings,
/// drops connections whose server went silent, expires unanswered invocations and reconnects
/// dropped clients with backoff, resubscribing each with the last sequence number it saw.
/// </summary>
internal sealed class ClientFleet : IAsyncDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Attempts of one resubscribe that fails with a transient error.</summary>
    private const int ResubscribeAttempts = 5;

    private readonly HubClientOptions _options;
    private readonly IHubClientObserver _observer;
    private readonly RunMetrics _metrics;
    private readonly IWebSocketConnector _connector;
    private readonly List<HubClient> _clients = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _maintenance = Task.CompletedTask;
    private int _reconnectsRunning;

    public ClientFleet(HubClientOptions options, IHubClientObserver observer, RunMetrics metrics)
    {
        _options = options;
        _observer = observer;
        _metrics = metrics;
        _connector = options.Transport switch
        {
            WebSocketTransport.ClientWebSocket => new ClientWebSocketConnector(options.ConnectTimeout),
            WebSocketTransport.Managed => new RawWebSocketConnector(ownFraming: false),
            _ => new RawWebSocketConnector(ownFraming: true),
        };
    }

    public IReadOnlyList<HubClient> Clients => _clients;

    /// <summary>Reconnect clients that drop unexpectedly (off during a reconnect storm, which reconnects by itself).</summary>
    public bool AutoReconnect { get; set; } = true;

    /// <summary>Clients currently connected.</summary>
    public int ConnectedCount => _clients.Count(c => c.IsConnected);

    /// <summary>Called after a client reconnected and resubscribed (from the maintenance loop's tasks).</summary>
    public Action<HubClient>? Reconnected { get; set; }

    /// <summary>Creates a client (not connected yet). Not thread-safe: build the fleet before running it.</summary>
    public HubClient Add(ChatIdentity identity)
    {
        var client = new HubClient(_clients.Count, identity, _options, _connector, _observer);
        _clients.Add(client);
        return client;
    }

    /// <summary>Connects <paramref name="clients"/>, at most <paramref name="concurrency"/> at a time, each with a bounded number of attempts.</summary>
    public async Task<ConnectReport> ConnectAsync(IReadOnlyList<HubClient> clients, int concurrency, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = 0;
        string? firstError = null;
        await Parallel.ForEachAsync(
            clients,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (client, token) =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    _metrics.ConnectAttempted();
                    try
                    {
                        await client.ConnectAsync(token);
                        return;
                    }
                    catch (HubConnectException ex)
                    {
                        _metrics.ConnectFailed(ex.Code);
                        Interlocked.CompareExchange(ref firstError, $"{ex.Code}: {ex.Message}", null);
                        if (attempt >= _options.ConnectAttempts || token.IsCancellationRequested || !IsRetryable(ex.Code))
                        {
                            Interlocked.Increment(ref failed);
                            return;
                        }

                        await client.WaitDisconnectedAsync(_options.ConnectTimeout);
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), token);
                    }
                }
            });
        return new ConnectReport(clients.Count, clients.Count - failed, failed, Stopwatch.GetElapsedTime(started).TotalSeconds, firstError);
    }

    /// <summary>Starts the keep-alive / timeout / reconnect loop.</summary>
    public void StartMaintenance()
    {
        if (_maintenance.IsCompleted)
        {
            _maintenance = Task.Run(MaintainAsync);
        }
    }

    /// <summary>Reconnects one client and resubscribes it to every conversation it had, with its last seen sequence number.</summary>
    /// <returns>True when connected and every resubscribe succeeded.</returns>
    public async Task<bool> ReconnectAsync(HubClient client, CancellationToken cancellationToken)
    {
        try
        {
            _metrics.ConnectAttempted();
            await client.ConnectAsync(cancellationToken);
        }
        catch (HubConnectException ex)
        {
            _metrics.ReconnectFailed(ex.Code);
            client.ReconnectAttempt++;
            var backoff = Math.Min(_options.MaxReconnectBackoff.TotalSeconds, 0.1 * (1 << Math.Min(client.ReconnectAttempt, 10)));
            client.NextReconnectTimestamp = Stopwatch.GetTimestamp() + (long)(backoff * (0.5 + (Random.Shared.NextDouble() / 2)) * Stopwatch.Frequency);
            await client.WaitDisconnectedAsync(_options.ConnectTimeout);
            return false;
        }

        client.ReconnectAttempt = 0;
        client.Reconnects++;
        _metrics.Reconnected();
        var ok = true;
        foreach (var subscription in client.Subscriptions)
        {
            if (subscription.Left)
            {
                continue;
            }

            for (var attempt = 1; ; attempt++)
            {
                var outcome = await client.SubscribeAsync(subscription);
                if (outcome.Succeeded)
                {
                    break;
                }

                // Every failed attempt counts; a transient one (the server says "subscribe again")
                // is retried, or this member would miss everything after it.
                _metrics.Errors.Add("resubscribe:" + outcome.Code);
                if (attempt >= ResubscribeAttempts || !client.IsConnected || !IsTransient(outcome.Code))
                {
                    ok = false;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
            }
        }

        Reconnected?.Invoke(client);
        return ok;
    }

    /// <summary>Closes every client (WebSocket close handshake, bounded), <paramref name="concurrency"/> at a time.</summary>
    public Task CloseAllAsync(int concurrency, TimeSpan timeoutEach) =>
        Parallel.ForEachAsync(
            _clients,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (client, _) => await client.CloseAsync(timeoutEach));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _maintenance;
        }
        catch (OperationCanceledException)
        {
        }

        foreach (var client in _clients)
        {
            client.Abort("fleet disposed");
        }

        _connector.Dispose();
        _stop.Dispose();
    }

    private static bool IsRetryable(string code) =>
        code is not ("connect.http_401" or "connect.http_403" or "connect.http_404" or "connect.handshake");

    /// <summary>Hub errors that say "try again" rather than "you may not" (docs/hub-protocol.md, docs/api.md).</summary>
    internal static bool IsTransient(string? code) =>
        code is "storage.unavailable" or "server.unavailable" or "server.error" or "rate_limited" or "client.timeout";

    private async Task MaintainAsync()
    {
        using var timer = new PeriodicTimer(SweepInterval);
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            Sweep();
        }
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        var pingBefore = now - Ticks(_options.PingInterval);
        var silentBefore = now - Ticks(_options.ServerTimeout);
        var expireBefore = now - Ticks(_options.InvocationTimeout);
        foreach (var client in _clients)
        {
            switch (client.State)
            {
                case HubClientState.Connected:
                    if (client.LastReceivedTimestamp < silentBefore)
                    {
                        client.Abort("client.server_timeout", intentional: false);
                        continue;
                    }

                    if (client.LastSentTimestamp < pingBefore)
                    {
                        client.SendPing();
                    }

                    client.ExpireInvocations(expireBefore);
                    break;
                case HubClientState.Disconnected when AutoReconnect && client.EverConnected:
                    TryStartReconnect(client, now);
                    break;
            }
        }
    }

    private void TryStartReconnect(HubClient client, long now)
    {
        if (client.ReconnectAttempt >= _options.ReconnectAttempts || now < client.NextReconnectTimestamp
            || Volatile.Read(ref _reconnectsRunning) >= _options.ReconnectConcurrency
            || Interlocked.CompareExchange(ref client.ReconnectInProgress, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Increment(ref _reconnectsRunning);
        _ = Task.Run(async () =>
        {
            try
            {
                await ReconnectAsync(client, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                Interlocked.Decrement(ref _reconnectsRunning);
                Volatile.Write(ref client.ReconnectInProgress, 0);
            }
        });
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
