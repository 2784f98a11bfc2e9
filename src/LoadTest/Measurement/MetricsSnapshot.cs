using System.Diagnostics;

namespace OrleansChat.LoadTest.Measurement;

/// <summary>The counters of a <see cref="RunMetrics"/> at one moment; <see cref="Since"/> gives a window.</summary>
internal sealed record MetricsSnapshot(
    long Timestamp,
    long SendsAttempted,
    long SendsSkipped,
    long Retries,
    long Acked,
    long SendFailed,
    long Delivered,
    long Duplicates,
    long OutOfOrder,
    long CaughtUp,
    long Unstamped,
    long UnsubscribedMessages,
    long OtherEvents,
    long Disconnects,
    long Reconnects,
    long ReconnectFailures,
    long ConnectAttempts,
    long ConnectFailures,
    HistogramSnapshot Delivery,
    HistogramSnapshot Ack,
    HistogramSnapshot SendLag)
{
    public double Seconds(MetricsSnapshot earlier) => (double)(Timestamp - earlier.Timestamp) / Stopwatch.Frequency;

    /// <summary>What happened between <paramref name="earlier"/> and this snapshot.</summary>
    public MetricsSnapshot Since(MetricsSnapshot earlier) => new(
        Timestamp - earlier.Timestamp,
        SendsAttempted - earlier.SendsAttempted,
        SendsSkipped - earlier.SendsSkipped,
        Retries - earlier.Retries,
        Acked - earlier.Acked,
        SendFailed - earlier.SendFailed,
        Delivered - earlier.Delivered,
        Duplicates - earlier.Duplicates,
        OutOfOrder - earlier.OutOfOrder,
        CaughtUp - earlier.CaughtUp,
        Unstamped - earlier.Unstamped,
        UnsubscribedMessages - earlier.UnsubscribedMessages,
        OtherEvents - earlier.OtherEvents,
        Disconnects - earlier.Disconnects,
        Reconnects - earlier.Reconnects,
        ReconnectFailures - earlier.ReconnectFailures,
        ConnectAttempts - earlier.ConnectAttempts,
        ConnectFailures - earlier.ConnectFailures,
        Delivery.Since(earlier.Delivery),
        Ack.Since(earlier.Ack),
        SendLag.Since(earlier.SendLag));

    /// <summary>Length of a window made by <see cref="Since"/>, in seconds.</summary>
    public double WindowSeconds => (double)Timestamp / Stopwatch.Frequency;
}
