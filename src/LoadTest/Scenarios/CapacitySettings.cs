namespace OrleansChat.LoadTest.Scenarios;

/// <summary>A capacity search over a hot room.</summary>
/// <param name="Members">Members of the room (all receive).</param>
/// <param name="Senders">Members who post (round-robin).</param>
/// <param name="P99LimitMs">A step is sustained when its delivery p99 stays within this.</param>
/// <param name="StartDeliveriesPerSecond">Offered deliveries per second of the first step.</param>
/// <param name="MaxDeliveriesPerSecond">Never offer more than this.</param>
/// <param name="Growth">Factor between steps while they are sustained.</param>
/// <param name="MaxSteps">Upper bound on steps, refinement included.</param>
/// <param name="RefineSteps">Bisection steps between the last sustained and the first failed rate.</param>
/// <param name="StepWarmup">Unmeasured time at the start of each step.</param>
/// <param name="StepDuration">Measured time of each step.</param>
internal sealed record CapacitySettings(
    int Members,
    int Senders,
    double P99LimitMs,
    double StartDeliveriesPerSecond,
    double MaxDeliveriesPerSecond,
    double Growth,
    int MaxSteps,
    int RefineSteps,
    TimeSpan StepWarmup,
    TimeSpan StepDuration)
{
    /// <summary>Run a failed step once more before believing it (other processes on a shared machine cause one-off failures).</summary>
    public bool ConfirmFailures { get; init; } = true;
}
