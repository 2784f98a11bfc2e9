namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// The bytes a peer sent are not a valid frame (bad length, unknown version, malformed header).
/// The stream position is lost after this, so the owner closes that one connection.
/// </summary>
internal sealed class FrameFormatException : MessagingException
{
    public FrameFormatException()
    {
    }

    public FrameFormatException(string message)
        : base(message)
    {
    }

    public FrameFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
