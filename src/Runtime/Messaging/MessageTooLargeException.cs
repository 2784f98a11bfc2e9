namespace OrleansChat.Runtime.Messaging;

/// <summary>A message's frame would exceed the configured maximum frame size; it was not sent.</summary>
public sealed class MessageTooLargeException : MessagingException
{
    public MessageTooLargeException()
    {
    }

    public MessageTooLargeException(string message)
        : base(message)
    {
    }

    public MessageTooLargeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
