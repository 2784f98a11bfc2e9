using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>Fills the common parts of a <see cref="RunResult"/> from a finished workload.</summary>
internal static class ResultFactory
{
    public static RunResult Create(RunContext context, ChatWorkload workload, DateTimeOffset startedAt, double seconds, DeliveryCheck? delivery,
        WindowFigures? window, double? drainSeconds, LatencySummary? sloLatency = null)
    {
        var totals = workload.Metrics.Snapshot();
        var connect = workload.Connect;
        var connections = new ConnectionFigures(
            connect?.Requested ?? 0,
            connect?.Connected ?? 0,
            connect?.Failed ?? 0,
            connect?.Seconds ?? 0,
            connect is { Seconds: > 0 } ? connect.Connected / connect.Seconds : 0,
            totals.Disconnects,
            totals.Reconnects,
            totals.ReconnectFailures);
        var errorRate = ErrorRate.Compute(totals, delivery);
        var latency = sloLatency ?? window?.DeliveryLatency ?? totals.Delivery.Summarize(0.001);
        return new RunResult
        {
            Scenario = context.Scenario,
            Target = context.Target.Kind,
            Endpoint = context.Target.HubUrl.ToString(),
            StartedAt = startedAt,
            Seconds = seconds,
            Machine = MachineInfo.Current(),
            Parameters = context.Parameters,
            Connections = connections,
            Window = window,
            Totals = new TotalFigures(totals.SendsAttempted, totals.SendsSkipped, totals.Retries, totals.Acked, totals.SendFailed,
                totals.Delivered, totals.Delivery.TotalCount, totals.CaughtUp),
            Delivery = delivery,
            Errors = workload.Metrics.Errors.Snapshot(),
            ErrorRate = errorRate,
            Slo = context.Slo.Evaluate(latency.P99Ms, latency.Count, errorRate),
            DrainSeconds = drainSeconds,
        };
    }
}
