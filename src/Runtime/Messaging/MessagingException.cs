namespace OrleansChat.Runtime.Messaging;

/// <summary>A message could not be delivered because of the transport between processes.</summary>
public class MessagingException : Exception
{
    public MessagingException()
    {
    }

    public MessagingException(string message)
        : base(message)
    {
    }

    public MessagingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
