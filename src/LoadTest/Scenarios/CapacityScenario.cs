using System.Diagnostics;
using System.Globalization;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Finds the highest delivery rate a hot room sustains with p99 within a limit: connect once, then
/// step the send rate up geometrically while steps are sustained (down while none is), and bisect
/// between the last good and the first bad rate. A step is sustained when its p99 is within the limit, it delivered at
/// least 95 % of what was offered, nothing failed, and everything drained afterwards.
/// </summary>
internal static class CapacityScenario
{
    private const double DeliveredFraction = 0.95;
    private static readonly TimeSpan StepDrain = TimeSpan.FromSeconds(10);

    public static async Task<RunResult> RunAsync(RunContext context, CapacitySettings settings, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        var metrics = new RunMetrics();
        var topology = Topology.HotRoom(settings.Members, settings.Senders);
        await using var workload = new ChatWorkload(context.Target, topology, context.Workload, metrics, context.Reporter);
        var steps = new List<CapacityStep>();
        CapacityStep? best = null;
        await using (var monitor = ProgressMonitor.Start(workload, context.Reporter, "set-up"))
        {
            await workload.SetupAsync(cancellationToken);
            var pacer = new SendPacer(workload);
            var fanOut = WorkloadPhases.MeanFanOut(workload);
            var deliveries = settings.StartDeliveriesPerSecond;
            double? failedAt = null;
            var refined = 0;
            async Task<CapacityStep> RunStepAsync(double rate, bool retry)
            {
                monitor.Phase = string.Create(CultureInfo.InvariantCulture, $"step {steps.Count + 1}: {rate:N0} deliveries/s{(retry ? " (again)" : "")}");
                var before = metrics.Snapshot();
                var window = await WorkloadPhases.RunWindowAsync(workload, pacer, rate / fanOut, settings.StepWarmup, settings.StepDuration, cancellationToken);
                var drained = await WorkloadPhases.DrainAsync(workload, pacer, StepDrain, cancellationToken);
                var step = Judge(window, metrics.Snapshot().Since(before), drained, settings.P99LimitMs, fanOut) with { Retry = retry };
                steps.Add(step);
                context.Reporter.Info(string.Create(CultureInfo.InvariantCulture,
                    $"step {steps.Count}: offered {step.OfferedDeliveriesPerSecond:N0}/s, delivered {step.DeliveredPerSecond:N0}/s, p50 {step.Latency.P50Ms:0.0} ms, p99 {step.Latency.P99Ms:0.0} ms, generator {step.ClientCpuPercent:0}% CPU ({step.ClientCpuMicrosPerDelivery:0.0} µs/delivery){(step.ServerCpuPercent is { } sc ? $", server {sc:0}% CPU ({step.ServerCpuMicrosPerDelivery:0.0} µs/delivery)" : "")} → {(step.Sustained ? "sustained" : step.Reason)}"));
                return step;
            }

            while (steps.Count < settings.MaxSteps)
            {
                var step = await RunStepAsync(deliveries, retry: false);
                if (!step.Sustained && settings.ConfirmFailures && steps.Count < settings.MaxSteps)
                {
                    // On a shared machine one bad step can be someone else's burst: a rate fails only when it fails twice.
                    var again = await RunStepAsync(deliveries, retry: true);
                    if (again.Sustained)
                    {
                        step = again;
                    }
                }

                if (step.Sustained && (best is null || step.DeliveredPerSecond > best.DeliveredPerSecond))
                {
                    best = step;
                }

                if (failedAt is null)
                {
                    if (!step.Sustained)
                    {
                        failedAt = deliveries;
                    }
                    else if (deliveries >= settings.MaxDeliveriesPerSecond)
                    {
                        break;
                    }
                    else
                    {
                        deliveries = Math.Min(deliveries * settings.Growth, settings.MaxDeliveriesPerSecond);
                        continue;
                    }
                }
                else if (!step.Sustained)
                {
                    failedAt = deliveries;
                }

                if (best is null)
                {
                    // Nothing sustained yet: step down geometrically; bisecting from zero would
                    // spend the refinement steps on rates far below the limit.
                    deliveries /= settings.Growth;
                    continue;
                }

                // Bisect between the best sustained rate and the lowest failed one.
                var low = best?.OfferedDeliveriesPerSecond ?? 0;
                if (refined++ >= settings.RefineSteps || failedAt is not { } high || high - low < high * 0.05)
                {
                    break;
                }

                deliveries = (low + high) / 2;
            }

            monitor.Phase = "closing";
            await workload.Fleet.CloseAllAsync(context.Workload.ConnectConcurrency, TimeSpan.FromSeconds(5));
        }

        var delivery = workload.Verify();
        var capacity = new CapacityFigures(settings.P99LimitMs, settings.Members, settings.Senders,
            best?.DeliveredPerSecond ?? 0, best is null ? 0 : best.OfferedSendsPerSecond, best?.Latency, steps);
        var result = ResultFactory.Create(context, workload, startedAt, Stopwatch.GetElapsedTime(started).TotalSeconds, delivery,
            window: null, drainSeconds: null, sloLatency: best?.Latency ?? steps.LastOrDefault()?.Latency ?? LatencySummary.None);
        return result with { Capacity = capacity };
    }

    private static CapacityStep Judge(WindowFigures window, MetricsSnapshot stepTotals, double? drained, double p99LimitMs, double fanOut)
    {
        // Owed deliveries follow the sends actually made in the window (the pacer's tick quantizes them).
        var owed = window.SendsPerSecond * fanOut;
        var errors = stepTotals.SendFailed + stepTotals.Duplicates + stepTotals.OutOfOrder + stepTotals.Disconnects + stepTotals.ConnectFailures;
        string? reason = null;
        if (window.DeliveryLatency.Count == 0)
        {
            reason = "nothing delivered";
        }
        else if (window.DeliveryLatency.P99Ms > p99LimitMs)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"p99 {window.DeliveryLatency.P99Ms:0.0} ms > {p99LimitMs:0.#} ms");
        }
        else if (window.SendsSkipped > Math.Max(1, window.SendsAttempted / 100))
        {
            reason = $"the generator skipped {window.SendsSkipped} sends (clients disconnected or too many sends in flight)";
        }
        else if (window.DeliveredPerSecond < owed * DeliveredFraction)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"delivered {window.DeliveredPerSecond:N0}/s < 95 % of {owed:N0}/s owed");
        }
        else if (errors > 0)
        {
            reason = $"{errors} errors";
        }
        else if (drained is null)
        {
            reason = "backlog did not drain";
        }

        return new CapacityStep(window.OfferedSendsPerSecond, window.OfferedDeliveriesPerSecond, window.DeliveredPerSecond, window.AckedPerSecond,
            window.DeliveryLatency, errors, reason is null, reason)
        {
            ClientCpuMicrosPerDelivery = window.ClientCpuMicrosPerDelivery,
            ClientCpuPercent = window.ClientCpuPercent,
            ServerCpuMicrosPerDelivery = window.ServerCpuMicrosPerDelivery,
            ServerCpuPercent = window.ServerCpuPercent,
        };
    }
}
