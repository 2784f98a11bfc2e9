using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>Everything one run of the tool measured; written as the JSON result file. Sections a scenario does not produce are null.</summary>
internal sealed record RunResult
{
    /// <summary>Bumped when the file's shape changes incompatibly.</summary>
    public int FormatVersion { get; init; } = 1;

    public required string Scenario { get; init; }

    /// <summary><c>gateway</c>, <c>baseline</c> or <c>postgres</c>.</summary>
    public required string Target { get; init; }

    public required string Endpoint { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time of the whole run, set-up included.</summary>
    public required double Seconds { get; init; }

    public required MachineInfo Machine { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    public ConnectionFigures? Connections { get; init; }

    public WindowFigures? Window { get; init; }

    /// <summary>Counts over the whole run (warm-up, drain and catch-up included).</summary>
    public TotalFigures? Totals { get; init; }

    public DeliveryCheck? Delivery { get; init; }

    public IReadOnlyDictionary<string, long> Errors { get; init; } = new Dictionary<string, long>();

    /// <summary>Failed operations over all operations (see <see cref="ErrorRate"/>).</summary>
    public double ErrorRate { get; init; }

    public MemoryFigures? Memory { get; init; }

    public RecoveryFigures? Recovery { get; init; }

    public ChurnFigures? Churn { get; init; }

    public ChaosFigures? Chaos { get; init; }

    public CapacityFigures? Capacity { get; init; }

    public InsertFigures? Insert { get; init; }

    /// <summary>The write-path run's figures (write-path).</summary>
    public WritePathFigures? WritePath { get; init; }

    public SloVerdict? Slo { get; init; }

    /// <summary>Seconds the drain after sending took, or null when it timed out.</summary>
    public double? DrainSeconds { get; init; }
}
