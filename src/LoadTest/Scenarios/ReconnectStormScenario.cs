using System.Diagnostics;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Drops every member's connection at once while writers keep posting, then reconnects them all
/// together (bounded by the reconnect concurrency). Each member resubscribes with the last sequence
/// number it saw and must receive exactly what it missed, in order, followed seamlessly by live
/// messages. Reports the time until everyone is reconnected and until everyone has caught up.
/// </summary>
internal static class ReconnectStormScenario
{
    public static async Task<RunResult> RunAsync(RunContext context, StormSettings settings, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var metrics = new RunMetrics();
        await using var workload = new ChatWorkload(context.Target, Topology.RoomWithWriters(settings.Members, settings.Writers), context.Workload, metrics, context.Reporter);
        RecoveryFigures recovery;
        WindowFigures window;
        double? drained;
        await using (var monitor = ProgressMonitor.Start(workload, context.Reporter, "set-up"))
        {
            await workload.SetupAsync(cancellationToken);
            // The storm decides when members come back; writers that drop still reconnect by themselves below.
            workload.Fleet.AutoReconnect = false;
            var pacer = new SendPacer(workload);
            var members = workload.Fleet.Clients.Take(settings.Members).Where(c => c.IsConnected).ToArray();

            monitor.Phase = "before the storm";
            window = await WorkloadPhases.RunWindowAsync(workload, pacer, settings.SendsPerSecond, TimeSpan.Zero, settings.Warmup, cancellationToken);

            monitor.Phase = "outage";
            foreach (var member in members)
            {
                member.Abort("reconnect storm: dropped on purpose");
            }

            foreach (var member in members)
            {
                await member.WaitDisconnectedAsync(TimeSpan.FromSeconds(10));
            }

            var ackedBefore = metrics.Snapshot().Acked;
            await pacer.RunAsync(settings.SendsPerSecond, settings.Outage, cancellationToken);
            var posted = metrics.Snapshot().Acked - ackedBefore;
            var target = workload.Conversations[0].MaxAckedSeq;
            context.Reporter.Info($"dropped {members.Length} members; {posted} messages posted while they were away; reconnecting");

            monitor.Phase = "reconnecting";
            using var liveTraffic = new CancellationTokenSource();
            var live = pacer.RunAsync(settings.SendsPerSecond, settings.RecoverTimeout, liveTraffic.Token);
            var reconnectStarted = Stopwatch.GetTimestamp();
            var reconnected = await ReconnectAllAsync(workload, members, settings.RecoverTimeout, cancellationToken);
            var reconnectSeconds = Stopwatch.GetElapsedTime(reconnectStarted).TotalSeconds;
            var notRecovered = await WaitCaughtUpAsync(members, target, reconnectStarted, settings.RecoverTimeout);
            var recoverSeconds = Stopwatch.GetElapsedTime(reconnectStarted).TotalSeconds;
            await liveTraffic.CancelAsync();
            try
            {
                await live;
            }
            catch (OperationCanceledException)
            {
            }

            context.Reporter.Info($"{reconnected}/{members.Length} reconnected in {reconnectSeconds:0.00} s, caught up in {recoverSeconds:0.00} s");
            monitor.Phase = "draining";
            workload.Fleet.AutoReconnect = true;
            drained = await WorkloadPhases.DrainAsync(workload, pacer, context.Workload.DrainTimeout, cancellationToken);
            monitor.Phase = "closing";
            await workload.Fleet.CloseAllAsync(context.Workload.ConnectConcurrency, TimeSpan.FromSeconds(5));
            var pages = workload.Conversations.SelectMany(c => c.Subscriptions()).Sum(s => (long)s.CatchUpPages);
            recovery = new RecoveryFigures(members.Length, posted, reconnected, notRecovered, reconnectSeconds, recoverSeconds, metrics.Snapshot().CaughtUp, pages);
        }

        var delivery = workload.Verify();
        var result = ResultFactory.Create(context, workload, startedAt, Stopwatch.GetElapsedTime(started).TotalSeconds, delivery, window, drained);
        return result with { Recovery = recovery };
    }

    private static async Task<int> ReconnectAllAsync(ChatWorkload workload, HubClient[] members, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var reconnected = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        await Parallel.ForEachAsync(
            members,
            new ParallelOptions { MaxDegreeOfParallelism = workload.Options.Client.ReconnectConcurrency, CancellationToken = cancellationToken },
            async (member, token) =>
            {
                for (var attempt = 1; attempt <= workload.Options.Client.ReconnectAttempts && Stopwatch.GetTimestamp() < deadline; attempt++)
                {
                    if (await workload.Fleet.ReconnectAsync(member, token))
                    {
                        Interlocked.Increment(ref reconnected);
                        return;
                    }

                    if (member.IsConnected)
                    {
                        // Connected, but a resubscribe failed: it stays connected and is judged by its tracker.
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * attempt)), token);
                }
            });
        return reconnected;
    }

    /// <summary>Waits until every member has everything up to <paramref name="target"/>; returns how many have not.</summary>
    private static async Task<int> WaitCaughtUpAsync(HubClient[] members, long target, long since, TimeSpan timeout)
    {
        while (true)
        {
            var behind = members.Count(m => m.Subscriptions.Any(s => !s.Left && (!s.Tracker.HasStart || s.Tracker.Contiguous < target)));
            if (behind == 0 || Stopwatch.GetElapsedTime(since) > timeout)
            {
                return behind;
            }

            await Task.Delay(10);
        }
    }
}
