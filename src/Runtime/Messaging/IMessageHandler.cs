namespace OrleansChat.Runtime.Messaging;

/// <summary>Receives each message a connection reads (the dispatcher implements this).</summary>
internal interface IMessageHandler
{
    /// <summary>
    /// Called on the connection's read loop, one message at a time in arrival order. It must hand
    /// the message off and return quickly: while it runs, nothing more is read from this connection,
    /// and awaiting a send here could deadlock two peers whose outbound queues are both full.
    /// </summary>
    void OnMessage(Connection connection, Message message);
}
