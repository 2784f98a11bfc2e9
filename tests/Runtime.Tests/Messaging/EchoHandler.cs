using OrleansChat.Runtime.Messaging;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>Answers every request with a success response carrying the request's body; counts one-way messages.</summary>
internal sealed class EchoHandler : IMessageHandler
{
    private long _oneWayReceived;

    public long OneWayReceived => Interlocked.Read(ref _oneWayReceived);

    public void OnMessage(Connection connection, Message message)
    {
        switch (message.Direction)
        {
            case MessageDirection.Request:
                // Never await on the read loop; a full queue makes this send wait on its own.
                var sending = connection.SendAsync(Message.CreateResponse(message, ResponseKind.Success, message.Body));
                if (!sending.IsCompletedSuccessfully)
                {
                    _ = ObserveAsync(sending);
                }

                break;
            case MessageDirection.OneWay:
                Interlocked.Increment(ref _oneWayReceived);
                break;
        }
    }

    private static async Task ObserveAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (ConnectionClosedException)
        {
            // The caller sees its own failure; nothing to answer on a closed connection.
        }
    }
}
