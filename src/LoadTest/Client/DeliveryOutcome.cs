namespace OrleansChat.LoadTest.Client;

/// <summary>What one received message means for its subscription's sequence.</summary>
internal enum DeliveryOutcome
{
    /// <summary>The next sequence number: delivered in order.</summary>
    InOrder,

    /// <summary>Ahead of a missing one: kept until the gap fills (counted out of order unless a subscription seam was open).</summary>
    Ahead,

    /// <summary>Already received (or at or below the subscription's starting point).</summary>
    Duplicate,

    /// <summary>Arrived before the subscription knew where it starts; judged when it does.</summary>
    Buffered,

    /// <summary>A catch-up list repeated a message that had already arrived ahead of a gap: expected, not counted.</summary>
    Replayed,
}
