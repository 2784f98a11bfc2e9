using System.Diagnostics;
using OrleansChat.LoadTest.Measurement;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>Measurement windows and draining on top of a <see cref="ChatWorkload"/>.</summary>
internal static class WorkloadPhases
{
    /// <summary>
    /// Sends at <paramref name="sendsPerSecond"/> for warm-up plus duration and measures only the
    /// latter. <paramref name="during"/> runs alongside the window (a chaos kill, churn).
    /// </summary>
    public static async Task<WindowFigures> RunWindowAsync(
        ChatWorkload workload, SendPacer pacer, double sendsPerSecond, TimeSpan warmup, TimeSpan duration,
        CancellationToken cancellationToken, Func<CancellationToken, Task>? during = null)
    {
        using var stopDuring = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pacing = pacer.RunAsync(sendsPerSecond, warmup + duration, cancellationToken);
        await Task.Delay(warmup, cancellationToken);
        var cpuBegin = CpuTime();
        var serverPid = workload.Options.ServerPid;
        var serverBegin = serverPid is { } pid ? ProcessMemory.CpuTime(pid) : TimeSpan.Zero;
        var begin = workload.Metrics.Snapshot();
        var sideTask = during?.Invoke(stopDuring.Token) ?? Task.CompletedTask;
        await Task.Delay(duration, cancellationToken);
        var end = workload.Metrics.Snapshot();
        var cpu = CpuTime() - cpuBegin;
        TimeSpan? serverCpu = serverPid is { } pidEnd ? ProcessMemory.CpuTime(pidEnd) - serverBegin : null;
        await pacing;
        await stopDuring.CancelAsync();
        try
        {
            await sideTask;
        }
        catch (OperationCanceledException) when (stopDuring.IsCancellationRequested)
        {
        }

        var window = end.Since(begin);
        return WindowFigures.From(window, sendsPerSecond, MeanFanOut(workload)) with
        {
            ClientCpuPercent = 100 * cpu.TotalSeconds / Math.Max(window.WindowSeconds, 1e-9),
            ClientCpuMicrosPerDelivery = window.Delivered == 0 ? 0 : cpu.TotalMicroseconds / window.Delivered,
            ServerCpuPercent = serverCpu is { } server ? 100 * server.TotalSeconds / Math.Max(window.WindowSeconds, 1e-9) : null,
            ServerCpuMicrosPerDelivery = serverCpu is { } perDelivery && window.Delivered > 0 ? perDelivery.TotalMicroseconds / window.Delivered : null,
        };
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Waits (bounded) until every send is answered, retries are done and every member has caught up.</summary>
    /// <returns>Seconds it took, or null when the timeout passed first.</returns>
    public static async Task<double?> DrainAsync(ChatWorkload workload, SendPacer pacer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            pacer.ProcessRetries();
            if (workload.PendingRetries == 0 && workload.InFlightSends() == 0 && workload.AllCaughtUp())
            {
                return Stopwatch.GetElapsedTime(started).TotalSeconds;
            }

            await Task.Delay(50, cancellationToken);
        }

        return null;
    }

    /// <summary>Mean members per conversation weighted by its senders: deliveries per send.</summary>
    public static double MeanFanOut(ChatWorkload workload)
    {
        var order = workload.Topology.SendOrder();
        if (order.Length == 0)
        {
            return 0;
        }

        var members = order.Sum(o => (double)workload.Topology.Conversations[o.Slot].Members.Length);
        var fanOut = members / order.Length;
        return workload.Options.SelfDelivery ? fanOut : fanOut - 1;
    }
}
