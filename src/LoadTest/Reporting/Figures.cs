using OrleansChat.LoadTest.Measurement;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>The machine a run happened on.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, bool ServerGc, long TotalMemoryMiB)
{
    /// <summary>The one-minute load average when the run ended: above the core count, other processes competed for the CPU.</summary>
    public double LoadAverage { get; init; } = ReadLoadAverage();

    private static double ReadLoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or FormatException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    public static MachineInfo Current()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
        }

        return new MachineInfo(
            Environment.ProcessorCount,
            cpu,
            System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            System.Runtime.GCSettings.IsServerGC,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024));
    }
}

/// <summary>Counts over a whole run.</summary>
internal sealed record TotalFigures(long SendsAttempted, long SendsSkipped, long Retries, long Acked, long SendFailed, long Delivered, long LatencySamples, long CaughtUp);

/// <summary>Connections during a run.</summary>
internal sealed record ConnectionFigures(int Requested, int Connected, int Failed, double ConnectSeconds, double ConnectsPerSecond, long Disconnects, long Reconnects, long ReconnectFailures);

/// <summary>Memory per idle connection, of the server (by PID) and of this load generator.</summary>
internal sealed record MemoryFigures(
    int ConnectionsHeld,
    double HoldSeconds,
    long DisconnectsDuringHold,
    int? ServerPid,
    RssSample? ServerBefore,
    RssSample? ServerConnected,
    RssSample? ServerAfterHold,
    double? ServerKiBPerConnection,
    double? ServerAnonKiBPerConnection,
    RssSample ClientBefore,
    RssSample ClientConnected,
    double ClientKiBPerConnection);

/// <summary>A reconnect storm: everyone dropped at once, messages posted meanwhile, everyone back.</summary>
internal sealed record RecoveryFigures(
    int Dropped,
    long PostedDuringOutage,
    int Reconnected,
    int NotRecovered,
    double ReconnectSeconds,
    double RecoverSeconds,
    long CaughtUp,
    long CatchUpPages);

/// <summary>Joins and leaves while messages flow.</summary>
internal sealed record ChurnFigures(long Joins, long Leaves, long Failures, double OperationsPerSecond);

/// <summary>A silo killed mid-run, and whether every acknowledged message is stored exactly once.</summary>
internal sealed record ChaosFigures(
    int KilledPid,
    string KilledCommand,
    double KilledAtSeconds,
    long AckedMessages,
    long StoredOnce,
    long MissingInStore,
    long StoredMoreThanOnce,
    long SeqMismatch,
    string Query,
    string? VerifyError);

/// <summary>The highest delivery rate a hot room sustains within a p99 limit, found by stepping the send rate up.</summary>
internal sealed record CapacityFigures(
    double P99LimitMs,
    int Members,
    int Senders,
    double BestDeliveredPerSecond,
    double BestSendsPerSecond,
    LatencySummary? BestLatency,
    IReadOnlyList<CapacityStep> Steps);

/// <summary>One step of a capacity search.</summary>
internal sealed record CapacityStep(
    double OfferedSendsPerSecond,
    double OfferedDeliveriesPerSecond,
    double DeliveredPerSecond,
    double AckedPerSecond,
    LatencySummary Latency,
    long Errors,
    bool Sustained,
    string? Reason)
{
    /// <summary>A repeat of the previous step's rate, run because that one failed.</summary>
    public bool Retry { get; init; }

    /// <summary>The load generator's CPU per delivery in this step, in microseconds.</summary>
    public double ClientCpuMicrosPerDelivery { get; init; }

    /// <summary>The load generator's CPU in this step, in percent of one core.</summary>
    public double ClientCpuPercent { get; init; }

    /// <summary>The server's CPU per delivery in this step, in microseconds (with <c>--gateway-pid</c>).</summary>
    public double? ServerCpuMicrosPerDelivery { get; init; }

    /// <summary>The server's CPU in this step, in percent of one core (with <c>--gateway-pid</c>).</summary>
    public double? ServerCpuPercent { get; init; }
}

/// <summary>Raw INSERT throughput into a scratch table shaped like the message log.</summary>
internal sealed record InsertFigures(
    string Table,
    int Writers,
    int BatchRows,
    double BatchedSeconds,
    long BatchedRows,
    double BatchedRowsPerSecond,
    double SingleRowSeconds,
    long SingleRows,
    double SingleRowsPerSecond);

/// <summary>
/// The cluster's write path (posts straight to room grains, no gateway): acknowledged, and therefore
/// committed, messages per second in the window, and the database check of every acknowledged message.
/// </summary>
internal sealed record WritePathFigures(
    int Rooms,
    int InFlight,
    int Silos,
    double Seconds,
    long AckedInWindow,
    double PersistedPerSecond,
    LatencySummary PostLatency,
    long AckedTotal,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorCodes,
    Persistence.StoreCheck Store,
    int RoomsWithGaps);
