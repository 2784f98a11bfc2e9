using System.Globalization;
using System.Text;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>
/// Turns the result files of a benchmark run (written by <c>benchmarks/run.sh</c> into one folder,
/// under fixed names) into the chat section of docs/benchmarks.md: each figure for the full system
/// next to its baseline from the same run, with the ratio and the target.
/// </summary>
internal static class MarkdownReport
{
    public static string Render(string folder, string reproduce)
    {
        RunResult? Load(string name)
        {
            var path = Path.Combine(folder, name + ".json");
            return File.Exists(path) ? ResultJson.Read(path) : null;
        }

        var skippedPath = Path.Combine(folder, "gateway-skipped.txt");
        var skipped = File.Exists(skippedPath) ? File.ReadAllText(skippedPath).Trim() : null;
        var baseCapacity = Load("baseline-capacity");
        var gateCapacity = Load("gateway-capacity");
        var baseHot = Load("baseline-hot-room");
        var gateHot = Load("gateway-hot-room");
        var baseSoak = Load("baseline-soak");
        var gateSoak = Load("gateway-soak");
        var baseStorm = Load("baseline-storm");
        var gateStorm = Load("gateway-storm");
        var insert = Load("insert");
        var persist = Load("gateway-persist");
        var basePersist = Load("baseline-persist");
        var chaos = Load("gateway-chaos");
        var writePath = Load("gateway-write-path");
        var machine = new[] { baseCapacity, baseSoak, insert, gateCapacity }.FirstOrDefault(r => r is not null)?.Machine ?? MachineInfo.Current();
        var missing = skipped is null ? "not measured" : "not measured (see below)";

        var md = new StringBuilder();
        md.AppendLine("## Chat load: the full system against a bare SignalR hub (issue 8)");
        md.AppendLine();
        md.AppendLine(F($"Reproduce: `{reproduce}`. Machine: {machine.Cpu}, {machine.Cores} cores, {machine.TotalMemoryMiB / 1024.0:0} GiB, {machine.Os}, {machine.Runtime}. "));
        md.AppendLine("The load generator (`src/LoadTest`, one process, raw WebSocket SignalR JSON clients) runs on the same machine and shares its cores; ");
        md.AppendLine("the baseline is `loadtest baseline-hub`, a single-process ASP.NET Core SignalR hub with the same hub contract and no cluster or database, started as its own process (server GC, like the gateway) and driven by the same client engine and scenarios.");
        md.AppendLine();
        var loads = new[] { baseCapacity, baseHot, baseSoak, baseStorm, basePersist, insert, gateCapacity, gateHot, gateSoak, gateStorm, persist, writePath, chaos }
            .Where(r => r is not null).Select(r => r!.Machine.LoadAverage).Where(l => l >= 0).ToArray();
        if (loads.Length > 0)
        {
            md.AppendLine(F($"The machine is shared: its one-minute load average at the end of each run ranged from {loads.Min():0.0} to {loads.Max():0.0} on {machine.Cores} cores; above {machine.Cores}, other processes competed with the run for the CPU, which shows most in the latency percentiles."));
            md.AppendLine();
        }

        md.AppendLine("| figure | OrleansChat | baseline | ratio | target |");
        md.AppendLine("|---|---:|---:|---:|---|");

        var members = baseCapacity?.Capacity?.Members ?? 2000;
        var limit = baseCapacity?.Capacity?.P99LimitMs ?? 100;
        Row(md, F($"hot room ({members:N0} members): highest delivered msgs/s with p99 ≤ {limit:0} ms"),
            gateCapacity?.Capacity?.BestDeliveredPerSecond, baseCapacity?.Capacity?.BestDeliveredPerSecond, "N0", "≥ 0.70 × baseline", missing);
        var hotRate = baseHot?.Window?.OfferedDeliveriesPerSecond ?? gateHot?.Window?.OfferedDeliveriesPerSecond;
        var hotLabel = hotRate is { } r ? F($"at {r:N0} deliveries/s offered") : "at a fixed rate";
        Row(md, $"hot room delivered msgs/s {hotLabel}", gateHot?.Window?.DeliveredPerSecond, baseHot?.Window?.DeliveredPerSecond, "N0", "", missing);
        Row(md, $"hot room p50 latency {hotLabel} (ms)", gateHot?.Window?.DeliveryLatency.P50Ms, baseHot?.Window?.DeliveryLatency.P50Ms, "0.0", "", missing);
        Row(md, $"hot room p99 latency {hotLabel} (ms)", gateHot?.Window?.DeliveryLatency.P99Ms, baseHot?.Window?.DeliveryLatency.P99Ms, "0.0", "≤ 100 ms", missing);
        Row(md, $"hot room p99.9 latency {hotLabel} (ms)", gateHot?.Window?.DeliveryLatency.P999Ms, baseHot?.Window?.DeliveryLatency.P999Ms, "0.0", "", missing);
        Row(md, "idle connections held", gateSoak?.Memory?.ConnectionsHeld, baseSoak?.Memory?.ConnectionsHeld, "N0", "10,000", missing);
        Row(md, "server memory per idle connection (KiB RSS)", gateSoak?.Memory?.ServerKiBPerConnection, baseSoak?.Memory?.ServerKiBPerConnection, "0.0", "≤ 1.10 × baseline", missing);
        var wp = writePath?.WritePath;
        var writeLabel = wp is null
            ? "persisted messages/s, cluster write path (posts to room grains) vs batched raw INSERT rows/s"
            : F($"persisted messages/s, cluster write path ({wp.Rooms:N0} rooms, {wp.InFlight:N0} posts in flight, {wp.Silos} silos, group commit) vs batched raw INSERT rows/s");
        Row(md, writeLabel, wp?.PersistedPerSecond, insert?.Insert?.BatchedRowsPerSecond, "N0", "≥ 20,000/s", missing);
        var persistRooms = basePersist?.Parameters.GetValueOrDefault("rooms") ?? persist?.Parameters.GetValueOrDefault("rooms") ?? "?";
        var persistLabel = basePersist?.Window is { } bp
            ? F($"persisted messages/s end to end through the gateway: acknowledged sends/s at {bp.OfferedSendsPerSecond:N0}/s offered, {persistRooms} one-member rooms (the harness's ceiling on the baseline)")
            : $"persisted messages/s end to end through the gateway: acknowledged sends/s, {persistRooms} one-member rooms";
        Row(md, persistLabel, persist?.Window?.AckedPerSecond, basePersist?.Window?.AckedPerSecond, "N0", "", missing);
        Row(md, "reconnect storm: seconds until every member is back and caught up", gateStorm?.Recovery?.RecoverSeconds, baseStorm?.Recovery?.RecoverSeconds, "0.00", "", missing);
        var chaosText = chaos?.Chaos is { } c
            ? c.VerifyError ?? F($"{c.MissingInStore + c.SeqMismatch} lost, {c.StoredMoreThanOnce} duplicated of {c.AckedMessages:N0}")
            : missing;
        md.AppendLine(F($"| chaos (silo killed mid-run): acknowledged messages lost / duplicated in PostgreSQL | {chaosText} | — | — | 0 / 0 |"));
        md.AppendLine();

        if (skipped is not null)
        {
            md.AppendLine($"Full-system figures were not measured in this run: {skipped}");
            md.AppendLine();
        }

        if (baseCapacity?.Capacity is { } bc)
        {
            Steps(md, "Baseline hot-room capacity steps", bc);
        }

        if (gateCapacity?.Capacity is { } gc)
        {
            Steps(md, "OrleansChat hot-room capacity steps", gc);
        }

        if (insert?.Insert is { } ins)
        {
            md.AppendLine(F($"Message-log INSERT baseline (scratch table shaped like `chat_messages`, {ins.Writers} connections, default durability): ") +
                F($"{ins.BatchRows}-row statements {ins.BatchedRowsPerSecond:N0} rows/s; one row per transaction {ins.SingleRowsPerSecond:N0} rows/s."));
            md.AppendLine();
        }

        if (wp is not null)
        {
            var codes = wp.ErrorCodes.Count == 0 ? "none" : string.Join(", ", wp.ErrorCodes.Select(e => F($"{e.Key} {e.Value:N0}")));
            md.AppendLine(F($"Cluster write path (`loadtest write-path`: a cluster client posting straight to room grains, no gateway; a post completes after its commit): ") +
                F($"{wp.PersistedPerSecond:N0} messages/s over {wp.Seconds:0.0} s; post latency p50 {wp.PostLatency.P50Ms:0.0} ms, p99 {wp.PostLatency.P99Ms:0.0} ms, p99.9 {wp.PostLatency.P999Ms:0.0} ms; ") +
                F($"of {wp.AckedTotal:N0} acknowledged messages {wp.Store.StoredOnce:N0} are stored exactly once under their acknowledged number (missing {wp.Store.Missing}, duplicated {wp.Store.StoredMoreThanOnce}, wrong number {wp.Store.SeqMismatch}), rooms with gaps {wp.RoomsWithGaps}; errors: {codes}."));
            md.AppendLine();
        }

        Scenarios(md, Load);
        Soak(md, "Baseline", baseSoak);
        Soak(md, "OrleansChat", gateSoak);
        Generator(md, baseHot, gateHot);
        return md.ToString();
    }

    private static void Row(StringBuilder md, string figure, double? system, double? baseline, string format, string target, string missing)
    {
        var ratio = system is { } s && baseline is { } b && b != 0 ? (s / b).ToString("0.00", CultureInfo.InvariantCulture) : "—";
        md.AppendLine($"| {figure} | {Format(system, format) ?? missing} | {Format(baseline, format) ?? "not measured"} | {ratio} | {target} |");
    }

    private static string? Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture);

    private static void Steps(StringBuilder md, string title, CapacityFigures capacity)
    {
        md.AppendLine(F($"{title} ({capacity.Members:N0} members, {capacity.Senders} senders):"));
        md.AppendLine();
        md.AppendLine("| offered deliveries/s | delivered/s | p50 ms | p99 ms | p99.9 ms | generator µs/delivery | server µs/delivery | verdict |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var step in capacity.Steps)
        {
            md.AppendLine(F($"| {step.OfferedDeliveriesPerSecond:N0}{(step.Retry ? " (again)" : "")} | {step.DeliveredPerSecond:N0} | {step.Latency.P50Ms:0.0} | {step.Latency.P99Ms:0.0} | {step.Latency.P999Ms:0.0} | {step.ClientCpuMicrosPerDelivery:0.0} | {step.ServerCpuMicrosPerDelivery:0.0} | {(step.Sustained ? "sustained" : step.Reason)} |"));
        }

        md.AppendLine();
    }

    /// <summary>Every traffic scenario, the full system row under its baseline row: throughput, latency, correctness.</summary>
    private static void Scenarios(StringBuilder md, Func<string, RunResult?> load)
    {
        (string File, string Title)[] scenarios =
        [
            ("hot-room", "hot room, fixed rate"), ("small-rooms", "many small rooms"), ("dm-storm", "DM storm"),
            ("churn", "churn (members leave and join)"), ("storm", "reconnect storm"), ("persist", "persistence (one-member rooms)"),
            ("chaos", "chaos (silo killed)"),
        ];
        var rows = new StringBuilder();
        foreach (var (file, title) in scenarios)
        {
            foreach (var (who, run) in new[] { ("baseline", load("baseline-" + file)), ("OrleansChat", load("gateway-" + file)) })
            {
                if (run?.Window is not { } w)
                {
                    continue;
                }

                var d = run.Delivery;
                var check = d is null ? "—" : F($"{d.Missing} / {d.Duplicates} / {d.OutOfOrder}");
                rows.AppendLine(F($"| {title} | {who} | {w.OfferedDeliveriesPerSecond:N0} | {w.DeliveredPerSecond:N0} | {w.AckedPerSecond:N0} | {w.DeliveryLatency.P50Ms:0.0} | {w.DeliveryLatency.P99Ms:0.0} | {w.DeliveryLatency.P999Ms:0.0} | {Format(w.ServerCpuMicrosPerDelivery, "0.0") ?? "—"} | {check} | {run.ErrorRate:0.#####} |"));
            }
        }

        if (rows.Length == 0)
        {
            return;
        }

        md.AppendLine("Every scenario against both targets (measured window; latencies are end to end, sender's schedule to receiver's read; missing / duplicated / out-of-order deliveries counted over the whole run):");
        md.AppendLine();
        md.AppendLine("| scenario | target | offered deliveries/s | delivered/s | acked sends/s | p50 ms | p99 ms | p99.9 ms | server µs/delivery | missing / dup / out of order | error rate |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        md.Append(rows);
        md.AppendLine();
    }

    private static void Soak(StringBuilder md, string who, RunResult? soak)
    {
        if (soak?.Memory is not { } m)
        {
            return;
        }

        md.AppendLine(F($"{who} connection soak: {m.ConnectionsHeld:N0} idle connections held {m.HoldSeconds:0} s ({m.DisconnectsDuringHold} dropped); ") +
            F($"server RSS {m.ServerBefore?.RssKiB / 1024.0:0} → {(m.ServerAfterHold ?? m.ServerConnected)?.RssKiB / 1024.0:0} MiB = {m.ServerKiBPerConnection:0.0} KiB per connection ({m.ServerAnonKiBPerConnection:0.0} KiB anonymous); ") +
            F($"load generator {m.ClientKiBPerConnection:0.0} KiB per connection."));
        md.AppendLine();
    }

    /// <summary>What the load generator itself cost, so a reader can tell whether it, not the system, was the limit.</summary>
    private static void Generator(StringBuilder md, RunResult? baseline, RunResult? system)
    {
        foreach (var (who, run) in new[] { ("the baseline", baseline), ("OrleansChat", system) })
        {
            if (run?.Window is not { } w)
            {
                continue;
            }

            md.AppendLine(F($"Hot room at a fixed rate against {who}: load generator {w.ClientCpuPercent:0} % of a core ({w.ClientCpuMicrosPerDelivery:0.0} µs per delivery)") +
                (w.ServerCpuPercent is { } server ? F($", server {server:0} % of a core ({w.ServerCpuMicrosPerDelivery:0.0} µs per delivery)") : "") +
                (w.SendLag is { } lag ? F($"; the pacer was late by p99 {lag.P99Ms:0.0} ms (included in the latencies).") : "."));
            md.AppendLine();
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

}
