using System.Globalization;
using OrleansChat.LoadTest.Measurement;
using Spectre.Console;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>The end-of-run summary table.</summary>
internal static class FinalTable
{
    public static void Write(RunResult result, IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"{result.Scenario} against {result.Target} ({result.Endpoint})"))
            .AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("wall time", F($"{result.Seconds:0.0} s"));
        if (result.Connections is { } c)
        {
            Row("connections", F($"{c.Connected:N0} of {c.Requested:N0} ({c.Failed:N0} failed) in {c.ConnectSeconds:0.0} s"));
            Row("disconnects / reconnects", F($"{c.Disconnects:N0} / {c.Reconnects:N0} ({c.ReconnectFailures:N0} failed attempts)"));
        }

        if (result.Window is { } w)
        {
            Row("measured window", F($"{w.Seconds:0.0} s at {w.OfferedSendsPerSecond:N1} sends/s offered"));
            Row("sent / acked / failed", F($"{w.SendsAttempted:N0} / {w.Acked:N0} / {w.SendFailed:N0} ({w.SendsSkipped:N0} skipped)"));
            Row("delivered msgs/s", F($"{w.DeliveredPerSecond:N0} (offered {w.OfferedDeliveriesPerSecond:N0})"));
            Row("acked msgs/s", F($"{w.AckedPerSecond:N0}"));
            Row("delivery latency", Latency(w.DeliveryLatency));
            Row("ack latency", Latency(w.AckLatency));
            if (w.SendLag is { } lag)
            {
                Row("pacer lag (in the latencies)", Latency(lag));
            }

            Row("load generator CPU", F($"{w.ClientCpuPercent:0}% of a core, {w.ClientCpuMicrosPerDelivery:0.0} µs per delivery"));
            if (w.ServerCpuPercent is { } serverCpu)
            {
                Row("server CPU", F($"{serverCpu:0}% of a core, {w.ServerCpuMicrosPerDelivery:0.0} µs per delivery"));
            }
        }

        if (result.Delivery is { } d)
        {
            Row("deliveries owed / received", F($"{d.ExpectedDeliveries:N0} / {d.Delivered:N0} ({d.CaughtUp:N0} via catch-up)"));
            Row("missing / duplicate / out of order", F($"{d.Missing:N0} / {d.Duplicates:N0} / {d.OutOfOrder:N0}"));
        }

        if (result.Capacity is { } cap)
        {
            Row(F($"best rate with p99 ≤ {cap.P99LimitMs:0.#} ms"), F($"{cap.BestDeliveredPerSecond:N0} deliveries/s ({cap.BestSendsPerSecond:N1} sends/s × {cap.Members:N0} members)"));
            if (cap.BestLatency is { } bl)
            {
                Row("latency at best rate", Latency(bl));
            }

            foreach (var (step, i) in cap.Steps.Select((s, i) => (s, i + 1)))
            {
                Row(F($"step {i}: {step.OfferedDeliveriesPerSecond:N0}/s offered"),
                    F($"{step.DeliveredPerSecond:N0}/s, p99 {step.Latency.P99Ms:0.0} ms, {(step.Sustained ? "sustained" : step.Reason)}"));
            }
        }

        if (result.Memory is { } m)
        {
            Row("connections held", F($"{m.ConnectionsHeld:N0} for {m.HoldSeconds:0} s ({m.DisconnectsDuringHold} dropped)"));
            if (m.ServerKiBPerConnection is { } server)
            {
                Row("server RSS per connection", F($"{server:0.0} KiB (anonymous {m.ServerAnonKiBPerConnection:0.0} KiB); {m.ServerBefore?.RssKiB / 1024.0:0} → {(m.ServerAfterHold ?? m.ServerConnected)?.RssKiB / 1024.0:0} MiB"));
            }

            Row("load generator RSS per connection", F($"{m.ClientKiBPerConnection:0.0} KiB"));
        }

        if (result.Recovery is { } r)
        {
            Row("dropped / posted meanwhile", F($"{r.Dropped:N0} / {r.PostedDuringOutage:N0}"));
            Row("reconnected", F($"{r.Reconnected:N0} in {r.ReconnectSeconds:0.00} s; caught up in {r.RecoverSeconds:0.00} s ({r.NotRecovered} not)"));
            Row("caught up messages", F($"{r.CaughtUp:N0} ({r.CatchUpPages} extra pages)"));
        }

        if (result.Churn is { } ch)
        {
            Row("joins / leaves / failures", F($"{ch.Joins:N0} / {ch.Leaves:N0} / {ch.Failures:N0} ({ch.OperationsPerSecond:0.0}/s)"));
        }

        if (result.Chaos is { } x)
        {
            Row("killed", F($"pid {x.KilledPid} at {x.KilledAtSeconds:0.0} s"));
            Row("acked stored exactly once", x.VerifyError ?? F($"{x.StoredOnce:N0} of {x.AckedMessages:N0} (missing {x.MissingInStore}, duplicated {x.StoredMoreThanOnce}, wrong seq {x.SeqMismatch})"));
        }

        if (result.Insert is { } ins)
        {
            Row(F($"batched INSERT ({ins.BatchRows} rows × {ins.Writers} writers)"), F($"{ins.BatchedRowsPerSecond:N0} rows/s"));
            Row("one row per transaction", F($"{ins.SingleRowsPerSecond:N0} rows/s"));
        }

        if (result.WritePath is { } wp)
        {
            Row(F($"persisted msgs/s ({wp.Rooms:N0} rooms, {wp.InFlight:N0} in flight, {wp.Silos} silos)"), F($"{wp.PersistedPerSecond:N0} ({wp.AckedInWindow:N0} in {wp.Seconds:0.0} s)"));
            Row("post latency", F($"p50 {wp.PostLatency.P50Ms:0.00} ms, p99 {wp.PostLatency.P99Ms:0.00}, p99.9 {wp.PostLatency.P999Ms:0.00}"));
            Row("acked stored exactly once", F($"{wp.Store.StoredOnce:N0} of {wp.AckedTotal:N0} (missing {wp.Store.Missing}, duplicated {wp.Store.StoredMoreThanOnce}, wrong seq {wp.Store.SeqMismatch}); rooms with gaps {wp.RoomsWithGaps}"));
        }

        foreach (var (code, count) in result.Errors)
        {
            Row("error " + code, F($"{count:N0}"));
        }

        Row("error rate", F($"{result.ErrorRate:0.######}"));
        if (result.Slo is { } slo)
        {
            Row("SLO", slo.Violated ? "VIOLATED: " + string.Join("; ", slo.Reasons) : "met" + (slo.P99LimitMs is null && slo.ErrorRateLimit is null ? " (none given)" : ""));
        }

        console.Write(table);
    }

    private static string Latency(LatencySummary l) =>
        F($"p50 {l.P50Ms:0.00} ms, p90 {l.P90Ms:0.00}, p99 {l.P99Ms:0.00}, p99.9 {l.P999Ms:0.00}, max {l.MaxMs:0.00} ({l.Count:N0} samples)");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
