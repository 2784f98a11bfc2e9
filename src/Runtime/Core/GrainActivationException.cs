namespace OrleansChat.Runtime;

/// <summary>A grain could not be activated (constructor, state read or OnActivateAsync failed); calls queued for it fail with this.</summary>
public sealed class GrainActivationException : Exception
{
    public GrainActivationException()
    {
    }

    public GrainActivationException(string message)
        : base(message)
    {
    }

    public GrainActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
