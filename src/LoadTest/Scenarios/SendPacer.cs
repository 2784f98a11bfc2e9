using System.Diagnostics;
using OrleansChat.LoadTest.Client;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Open-loop sending at a target rate: every millisecond the pacer posts whatever the schedule says
/// is due, round-robin over the topology's senders, without waiting for answers. Each message carries
/// its scheduled time, so when the system (or the generator) falls behind, the delay shows up as
/// latency. A client that is disconnected or already has too many sends in flight is skipped and
/// counted; the pacer never builds more than one second of backlog.
/// </summary>
internal sealed class SendPacer(ChatWorkload workload)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    /// <summary>A send retried for longer than this is given up.</summary>
    private static readonly TimeSpan RetryHorizon = TimeSpan.FromSeconds(60);

    private readonly (int Client, int Slot)[] _order = workload.Topology.SendOrder();
    private long _next;

    /// <summary>
    /// Sends at <paramref name="sendsPerSecond"/> for <paramref name="duration"/> (a rate of 0 only
    /// processes retries). The loop runs on a thread of its own: on the thread pool its ticks would
    /// queue behind the bursts of receive work it causes, and the schedule would slip.
    /// </summary>
    public Task RunAsync(double sendsPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Pace(sendsPerSecond, duration, cancellationToken);
                done.TrySetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "loadtest-pacer",
        };
        thread.Start();
        return done.Task;
    }

    private void Pace(double sendsPerSecond, TimeSpan duration, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var pacing = sendsPerSecond > 0 && _order.Length > 0;
        var ticksPerSend = pacing ? Stopwatch.Frequency / sendsPerSecond : 0;
        var maxBacklog = Math.Max(1, (long)sendsPerSecond);
        long sent = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ProcessRetries();
            if (pacing)
            {
                var now = Stopwatch.GetTimestamp();
                var due = (long)((now - start) / ticksPerSend) + 1;
                if (due - sent > maxBacklog)
                {
                    workload.Metrics.SendSkipped(due - sent - maxBacklog);
                    sent = due - maxBacklog;
                }

                for (; sent < due; sent++)
                {
                    SendOne(start + (long)(sent * ticksPerSend));
                }
            }

            Thread.Sleep(Tick);
        }
    }

    /// <summary>Re-posts failed sends (same client message id) whose clients are connected again.</summary>
    public void ProcessRetries()
    {
        var count = workload.PendingRetries;
        var horizon = Stopwatch.GetTimestamp() - (long)(RetryHorizon.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < count && workload.TryTakeRetry(out var record); i++)
        {
            var client = workload.Fleet.Clients[record.SenderIndex];
            if (client.IsConnected && client.TryPost(record))
            {
                workload.Metrics.Retried();
                workload.Metrics.SendAttempted();
            }
            else if (record.IntendedTimestamp < horizon || client.State == HubClientState.Closed)
            {
                workload.Metrics.Errors.Add("send.abandoned");
            }
            else
            {
                workload.ReturnRetry(record);
            }
        }
    }

    private void SendOne(long intendedTimestamp)
    {
        var (clientIndex, slot) = _order[_next++ % _order.Length];
        var client = workload.Fleet.Clients[clientIndex];
        if (!client.IsConnected || client.InFlightSends >= workload.Options.MaxInFlightPerClient)
        {
            workload.Metrics.SendSkipped();
            return;
        }

        var conversation = workload.Conversations[slot];
        var record = new SendRecord(clientIndex, slot, conversation.Id, Guid.NewGuid().ToString(), intendedTimestamp, workload.Options.TextBytes);
        if (client.TryPost(record))
        {
            workload.Metrics.SendAttempted();
            workload.Metrics.SendLag.Record(Measurement.LatencyStamp.Microseconds(intendedTimestamp, Stopwatch.GetTimestamp()));
        }
        else
        {
            workload.Metrics.SendSkipped();
        }
    }
}
