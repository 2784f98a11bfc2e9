namespace OrleansChat.Runtime.Messaging;

/// <summary>No connection to a remote endpoint could be established (refused, timed out, or handshake rejected).</summary>
public sealed class ConnectionFailedException : MessagingException
{
    public ConnectionFailedException()
    {
    }

    public ConnectionFailedException(string message)
        : base(message)
    {
    }

    public ConnectionFailedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
