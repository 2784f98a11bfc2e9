namespace OrleansChat.Runtime.Serialization;

/// <summary>Data on the wire or in storage does not follow the format (truncated, wrong wire type, unknown version).</summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException()
    {
    }

    public WireFormatException(string message)
        : base(message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
