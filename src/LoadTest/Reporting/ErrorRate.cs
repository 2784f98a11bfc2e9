using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>
/// Failed operations over all operations. Operations: send invocations, owed deliveries and
/// connection attempts. Failures: failed sends, deliveries missing, duplicated or out of order,
/// failed connection attempts and unexpected disconnects.
/// </summary>
internal static class ErrorRate
{
    public static double Compute(MetricsSnapshot totals, DeliveryCheck? delivery)
    {
        var operations = totals.SendsAttempted + totals.ConnectAttempts + (delivery?.ExpectedDeliveries ?? 0);
        var failures = totals.SendFailed + totals.ConnectFailures + totals.ReconnectFailures + totals.Disconnects
            + (delivery is null ? totals.Duplicates + totals.OutOfOrder : delivery.Missing + delivery.Duplicates + delivery.OutOfOrder);
        return operations == 0 ? (failures == 0 ? 0 : 1) : Math.Min(1.0, (double)failures / operations);
    }
}
