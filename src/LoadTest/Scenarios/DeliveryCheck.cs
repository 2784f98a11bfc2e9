namespace OrleansChat.LoadTest.Scenarios;

/// <summary>What the members were owed and what they got, from every subscription's tracker.</summary>
/// <param name="ExpectedDeliveries">Messages owed: for each member, those posted while it was subscribed.</param>
/// <param name="Delivered">Distinct messages received (live or caught up).</param>
/// <param name="Missing">Owed but never received.</param>
/// <param name="Duplicates">Received more than once.</param>
/// <param name="OutOfOrder">Received ahead of an earlier one outside a subscribe's seam.</param>
/// <param name="CaughtUp">Received through a Subscribe's catch-up list.</param>
/// <param name="Unstamped">Received without a latency stamp (posted by someone else).</param>
/// <param name="ExactlyOnceInOrder">Nothing missing, duplicated or out of order.</param>
internal sealed record DeliveryCheck(long ExpectedDeliveries, long Delivered, long Missing, long Duplicates, long OutOfOrder, long CaughtUp, long Unstamped, bool ExactlyOnceInOrder);
