namespace OrleansChat.Grains.Messages;

/// <summary>
/// The last N committed messages by (sender, client message id), so that a client retry after a
/// lost acknowledgement is answered from memory; older retries are found by the append statement.
/// </summary>
internal sealed class RecentMessages(int capacity)
{
    private readonly Dictionary<(string Sender, string ClientId), ChatMessage> _byKey = [];
    private readonly Queue<(string Sender, string ClientId)> _order = new();

    public bool TryGet(string senderId, string clientMessageId, out ChatMessage message) =>
        _byKey.TryGetValue((senderId, clientMessageId), out message!);

    public void Add(ChatMessage message)
    {
        if (capacity == 0)
        {
            return;
        }

        var key = (message.SenderId, message.ClientMessageId);
        if (_byKey.TryAdd(key, message))
        {
            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _byKey.Remove(_order.Dequeue());
            }
        }
    }
}
