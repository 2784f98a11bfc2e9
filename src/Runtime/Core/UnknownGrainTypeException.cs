namespace OrleansChat.Runtime;

/// <summary>A call named a grain type this silo does not host.</summary>
public sealed class UnknownGrainTypeException : Exception
{
    public UnknownGrainTypeException()
    {
    }

    public UnknownGrainTypeException(string message)
        : base(message)
    {
    }

    public UnknownGrainTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
