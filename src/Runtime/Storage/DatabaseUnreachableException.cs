namespace OrleansChat.Runtime.Storage;

/// <summary>
/// PostgreSQL could not be reached (wrong host or port, server down, refused, or no answer within
/// the connect timeout). The message names host, port and database, never credentials.
/// </summary>
public sealed class DatabaseUnreachableException : Exception
{
    public DatabaseUnreachableException()
    {
    }

    public DatabaseUnreachableException(string message)
        : base(message)
    {
    }

    public DatabaseUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
