namespace OrleansChat.Runtime;

/// <summary>
/// The silo a call was sent to went away before answering (connection lost). Whether the call ran
/// is unknown, so the runtime does not resend it; callers with idempotent operations may retry.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException()
    {
    }

    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
