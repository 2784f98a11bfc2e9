namespace OrleansChat.LoadTest.Client;

/// <summary>
/// What a scenario hears from its clients. Calls come from the clients' receive loops (many threads
/// at once, one per connection at a time), so implementations keep them short and thread-safe.
/// </summary>
internal interface IHubClientObserver
{
    /// <summary>A <c>MessagePosted</c> for a subscribed conversation, live or from a catch-up list.</summary>
    void OnDelivery(HubClient client, Subscription subscription, long seq, DeliveryOutcome outcome, ReadOnlySpan<byte> text, long receivedTimestamp, bool catchUp);

    /// <summary>A message for a conversation the client is not (or no longer) subscribed to.</summary>
    void OnUnsubscribedMessage(HubClient client);

    /// <summary>The server stored a message and answered with its sequence number.</summary>
    void OnAck(HubClient client, SendRecord send, long seq, long ackTimestamp);

    /// <summary>A send failed with <paramref name="code"/> (a hub error code or a client-side one such as <c>client.disconnected</c>).</summary>
    void OnSendFailed(HubClient client, SendRecord send, string code);

    /// <summary>Any other server-to-client event (Typing, PresenceChanged, …).</summary>
    void OnEvent(HubClient client, ReadOnlySpan<byte> target);

    /// <summary>The connection ended; <paramref name="intentional"/> when the scenario closed or dropped it.</summary>
    void OnDisconnected(HubClient client, string reason, bool intentional);
}
