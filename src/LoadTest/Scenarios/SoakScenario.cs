using System.Diagnostics;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Opens N idle connections and holds them with keep-alive pings, reading the server's resident
/// memory (VmRSS from /proc) before they open (after their users signed in) and after: the
/// server's memory per connection. The load
/// generator's own memory per connection is reported alongside, to show what the client costs.
/// </summary>
/// <remarks>
/// With <see cref="SoakSettings.Warmup"/>, a few connections are opened and closed first, the same
/// way as the measured ones, so that one-time costs (JIT compilation, thread-pool growth,
/// connection pools, caches) are paid before the "before" reading instead of being divided among
/// the held connections. It applies to any target alike.
/// </remarks>
internal static class SoakScenario
{
    public static async Task<RunResult> RunAsync(RunContext context, SoakSettings settings, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        if (settings.Warmup > 0)
        {
            await WarmUpAsync(context, settings.Warmup, cancellationToken);
        }

        var metrics = new RunMetrics();
        await using var workload = new ChatWorkload(context.Target, Topology.Idle(settings.Connections, settings.Rooms), context.Workload, metrics, context.Reporter);
        RssSample? serverBefore, serverConnected, serverHeld;
        RssSample clientBefore, clientConnected;
        long disconnectsDuringHold;
        await using (var monitor = ProgressMonitor.Start(workload, context.Reporter, "connecting"))
        {
            // Users are signed in (and rooms set up) before the "before" reading: what is measured
            // is what the connections add, not what creating their accounts left behind.
            await workload.PrepareAsync(cancellationToken);
            serverBefore = settings.ServerPid is { } pid ? ProcessMemory.Read(pid) : null;
            clientBefore = SettledSelf();
            await workload.ConnectAsync(cancellationToken);
            monitor.Phase = "settling";
            await Task.Delay(settings.Settle, cancellationToken);
            serverConnected = settings.ServerPid is { } p1 ? ProcessMemory.Read(p1) : null;
            clientConnected = SettledSelf();
            context.Reporter.Info($"holding {workload.Fleet.ConnectedCount} connections for {settings.Hold.TotalSeconds:0} s");
            monitor.Phase = "holding";
            var beforeHold = metrics.Snapshot();
            await Task.Delay(settings.Hold, cancellationToken);
            disconnectsDuringHold = metrics.Snapshot().Disconnects - beforeHold.Disconnects;
            serverHeld = settings.ServerPid is { } p2 ? ProcessMemory.Read(p2) : null;
            monitor.Phase = "closing";
            await workload.Fleet.CloseAllAsync(context.Workload.ConnectConcurrency, TimeSpan.FromSeconds(5));
        }

        var held = workload.Connect?.Connected ?? 0;
        var perConnection = held == 0 ? 1 : held;
        var server = serverHeld ?? serverConnected;
        var memory = new MemoryFigures(
            held,
            settings.Hold.TotalSeconds,
            disconnectsDuringHold,
            settings.ServerPid,
            serverBefore,
            serverConnected,
            serverHeld,
            serverBefore is null || server is null ? null : (double)(server.RssKiB - serverBefore.RssKiB) / perConnection,
            serverBefore is null || server is null ? null : (double)(server.RssAnonKiB - serverBefore.RssAnonKiB) / perConnection,
            clientBefore,
            clientConnected,
            (double)(clientConnected.RssKiB - clientBefore.RssKiB) / perConnection);
        var delivery = workload.Verify();
        var result = ResultFactory.Create(context, workload, startedAt, Stopwatch.GetElapsedTime(started).TotalSeconds, delivery, window: null, drainSeconds: null);
        return result with { Memory = memory };
    }

    private static async Task WarmUpAsync(RunContext context, int connections, CancellationToken cancellationToken)
    {
        await using var warmup = new ChatWorkload(context.Target, Topology.Idle(connections, 0), context.Workload, new RunMetrics(), new SilentReporter());
        await warmup.SetupAsync(cancellationToken);
        await warmup.Fleet.CloseAllAsync(context.Workload.ConnectConcurrency, TimeSpan.FromSeconds(5));
        context.Reporter.Info($"warmed up with {warmup.Connect?.Connected ?? 0} connections, opened and closed");
    }

    /// <summary>This process's RSS after a full collection, so the client figure is not a GC timing artefact.</summary>
    private static RssSample SettledSelf()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return ProcessMemory.ReadSelf();
    }
}
