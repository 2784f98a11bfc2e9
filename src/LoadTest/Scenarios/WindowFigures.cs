using OrleansChat.LoadTest.Measurement;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>What happened in one measurement window (warm-up and drain excluded).</summary>
internal sealed record WindowFigures(
    double Seconds,
    double OfferedSendsPerSecond,
    double OfferedDeliveriesPerSecond,
    long SendsAttempted,
    long SendsSkipped,
    long Acked,
    long SendFailed,
    long Delivered,
    double SendsPerSecond,
    double AckedPerSecond,
    double DeliveredPerSecond,
    LatencySummary DeliveryLatency,
    LatencySummary AckLatency)
{
    /// <summary>How late the pacer posted messages against their schedule (the generator's own lag, included in the latencies).</summary>
    public LatencySummary? SendLag { get; init; }

    /// <summary>CPU this load generator spent in the window, in percent of one core.</summary>
    public double ClientCpuPercent { get; init; }

    /// <summary>CPU the server (<c>--gateway-pid</c>) spent in the window, in percent of one core; null when no PID was given.</summary>
    public double? ServerCpuPercent { get; init; }

    /// <summary>The server's CPU time per delivery, in microseconds; null when no PID was given.</summary>
    public double? ServerCpuMicrosPerDelivery { get; init; }

    /// <summary>The load generator's CPU time per delivery (everything it did, divided by deliveries), in microseconds.</summary>
    public double ClientCpuMicrosPerDelivery { get; init; }

    /// <summary>Figures of the window between two snapshots; <paramref name="fanOut"/> is the mean number of members per conversation.</summary>
    public static WindowFigures From(MetricsSnapshot window, double offeredSendsPerSecond, double fanOut)
    {
        var seconds = Math.Max(window.WindowSeconds, 1e-9);
        return new WindowFigures(
            seconds,
            offeredSendsPerSecond,
            offeredSendsPerSecond * fanOut,
            window.SendsAttempted,
            window.SendsSkipped,
            window.Acked,
            window.SendFailed,
            window.Delivered,
            window.SendsAttempted / seconds,
            window.Acked / seconds,
            window.Delivered / seconds,
            window.Delivery.Summarize(0.001),
            window.Ack.Summarize(0.001))
        {
            SendLag = window.SendLag.Summarize(0.001),
        };
    }
}
