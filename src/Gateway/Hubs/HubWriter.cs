using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Diagnostics;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// Writes one hub event to many connections, serialized once for all of them, and closes any
/// connection that has not taken it within <see cref="ChatHubOptions.SlowConsumerTimeout"/>.
/// </summary>
/// <remarks>
/// A write completes at once while the connection's outgoing buffer has room. When a client stops
/// reading (a frozen tab, a dead link the kernel has not noticed, a hostile client), its buffer
/// fills and its write waits for the client; SignalR's group send waits for every connection's
/// write, so one such client would hold up the whole conversation's feed on this gateway. Here the
/// wait is bounded: past it the connection is closed, the others' events go on, and the client
/// reconnects and catches up from its last seen seq like after any dropped connection.
/// </remarks>
internal sealed partial class HubWriter(IOptions<ChatHubOptions> options, TimeProvider timeProvider, GatewayMetrics metrics, ILogger<HubWriter> logger)
{
    private readonly TimeSpan _timeout = options.Value.SlowConsumerTimeout;

    /// <summary>Writes <paramref name="message"/> to each of <paramref name="connections"/>; completes when all took it or the slow ones were closed.</summary>
    public Task WriteAsync(IEnumerable<HubConnection> connections, HubMessage message)
    {
        var serialized = new SerializedHubMessage(message);
        List<(HubConnection Connection, Task Write)>? pending = null;
        foreach (var connection in connections)
        {
            if (connection.IsAborted)
            {
                // Closed for being slow (or revoked) a moment ago: writing would only wait on it again.
                continue;
            }

            var write = connection.Context.WriteAsync(serialized);
            if (write.IsCompletedSuccessfully)
            {
                // A ValueTask backed by a reusable source must be read once.
                write.GetAwaiter().GetResult();
                continue;
            }

            (pending ??= []).Add((connection, write.AsTask()));
        }

        return pending is null ? Task.CompletedTask : WaitAsync(pending);
    }

    private async Task WaitAsync(List<(HubConnection Connection, Task Write)> pending)
    {
        var all = Task.WhenAll(pending.Select(p => p.Write));
        try
        {
            await all.WaitAsync(_timeout, timeProvider);
        }
        catch (TimeoutException)
        {
            foreach (var (connection, write) in pending)
            {
                if (!write.IsCompleted)
                {
                    LogSlowConsumer(logger, connection.ConnectionId, connection.Identity.UserId, _timeout);
                    metrics.SlowConsumerClosed();
                    connection.Abort();
                }
            }

            // The aborted writes end when their connections close; nobody awaits them any more.
            _ = all.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        catch (Exception ex)
        {
            // SignalR's connection writes log and close their connection on failure rather than throw;
            // anything else must not stop the caller's feed.
            LogWriteFailed(logger, ex);
        }
    }

    [LoggerMessage(EventId = 5690, Level = LogLevel.Warning, Message = "Hub connection {ConnectionId} of user {UserId} took no event for {Timeout}: its outgoing buffer stayed full, so it is closed (the client reconnects and catches up)")]
    private static partial void LogSlowConsumer(ILogger logger, string connectionId, string userId, TimeSpan timeout);

    [LoggerMessage(EventId = 5691, Level = LogLevel.Warning, Message = "Writing an event to hub connections failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
