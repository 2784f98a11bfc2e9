using System.Diagnostics;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Members subscribed to conversations, senders posting at a fixed rate, every delivery timed and
/// checked: the shape of the hot-room, small-rooms, DM-storm, churn and chaos scenarios.
/// </summary>
internal static class FanOutScenario
{
    public static async Task<RunResult> RunAsync(RunContext context, Topology topology, FanOutSettings settings, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var metrics = new Measurement.RunMetrics();
        await using var workload = new ChatWorkload(context.Target, topology, context.Workload, metrics, context.Reporter);
        WindowFigures window;
        double? drained;
        ChurnDriver? churn = null;
        ChaosKiller? killer = settings.Chaos is { } chaos ? new ChaosKiller(chaos, context.Reporter) : null;
        killer?.Validate();
        await using (var monitor = ProgressMonitor.Start(workload, context.Reporter, "set-up"))
        {
            await workload.SetupAsync(cancellationToken);
            var pacer = new SendPacer(workload);
            if (settings.ChurnPerSecond > 0)
            {
                churn = new ChurnDriver(workload, settings.ChurnPerSecond);
            }

            monitor.Phase = "sending";
            context.Reporter.Info($"sending {settings.SendsPerSecond:0.#} msg/s for {settings.Warmup.TotalSeconds:0.#} s warm-up + {settings.Duration.TotalSeconds:0.#} s measured");
            window = await WorkloadPhases.RunWindowAsync(workload, pacer, settings.SendsPerSecond, settings.Warmup, settings.Duration, cancellationToken,
                during: token => Task.WhenAll(churn?.RunAsync(token) ?? Task.CompletedTask, killer?.RunAsync(token) ?? Task.CompletedTask));
            monitor.Phase = "draining";
            drained = await WorkloadPhases.DrainAsync(workload, pacer, context.Workload.DrainTimeout, cancellationToken);
            context.Reporter.Info(drained is { } s ? $"drained in {s:0.0} s" : $"drain did not finish within {context.Workload.DrainTimeout.TotalSeconds:0} s");
            monitor.Phase = "closing";
            await workload.Fleet.CloseAllAsync(context.Workload.ConnectConcurrency, TimeSpan.FromSeconds(5));
        }

        var delivery = workload.Verify();
        ChaosFigures? chaosFigures = null;
        if (killer is not null)
        {
            chaosFigures = await killer.VerifyAsync(workload, cancellationToken);
        }

        var result = ResultFactory.Create(context, workload, startedAt, Stopwatch.GetElapsedTime(started).TotalSeconds, delivery, window, drained);
        if (chaosFigures is not null)
        {
            var storeFailures = chaosFigures.MissingInStore + chaosFigures.StoredMoreThanOnce + chaosFigures.SeqMismatch + (chaosFigures.VerifyError is null ? 0 : 1);
            var errors = new SortedDictionary<string, long>(result.Errors.ToDictionary(), StringComparer.Ordinal);
            if (storeFailures > 0)
            {
                errors["store.acked_not_exactly_once"] = storeFailures;
            }

            var slo = result.Slo!;
            var reasons = slo.Reasons.ToList();
            if (storeFailures > 0)
            {
                reasons.Add($"{storeFailures} acknowledged message(s) not stored exactly once (or not verifiable)");
            }

            result = result with { Chaos = chaosFigures, Errors = errors, Slo = slo with { Violated = reasons.Count > 0, Reasons = reasons } };
        }

        return churn is null ? result : result with { Churn = churn.Figures(settings.Duration) };
    }
}
