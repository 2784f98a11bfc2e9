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
            window.Ack.Summarize(0.001));
    }
}
