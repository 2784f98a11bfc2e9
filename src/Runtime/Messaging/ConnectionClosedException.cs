namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// A send was refused or dropped because its connection closed. <see cref="Exception.InnerException"/>
/// holds the reason the connection closed, when there was a fault.
/// </summary>
public sealed class ConnectionClosedException : MessagingException
{
    public ConnectionClosedException()
    {
    }

    public ConnectionClosedException(string message)
        : base(message)
    {
    }

    public ConnectionClosedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
