namespace OrleansChat.LoadTest.Scenarios;

/// <summary>Rate and timing of a fan-out run (hot room, small rooms, DM storm, churn, chaos).</summary>
internal sealed record FanOutSettings(double SendsPerSecond, TimeSpan Warmup, TimeSpan Duration)
{
    /// <summary>Joins and leaves per second during the window (churn), or 0.</summary>
    public double ChurnPerSecond { get; init; }

    /// <summary>Kill a silo during the window (chaos), or null.</summary>
    public ChaosSettings? Chaos { get; init; }
}
