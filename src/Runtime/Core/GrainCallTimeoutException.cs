namespace OrleansChat.Runtime;

/// <summary>
/// No response arrived within the response timeout. The outcome is unknown: the request may still
/// run. The runtime never re-sends a call on its own.
/// </summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    public GrainCallTimeoutException()
    {
    }

    public GrainCallTimeoutException(string message)
        : base(message)
    {
    }

    public GrainCallTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
