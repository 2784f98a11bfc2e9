namespace OrleansChat.Runtime;

/// <summary>
/// Stands in for an exception that crossed the wire but could not be rebuilt as its own type here: the
/// type is not loaded in this process, is not an exception type, or has no public (string) or
/// (string, Exception) constructor. The message, inner exception and remote stack trace are kept.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException()
    {
        OriginalTypeName = typeof(RemoteGrainException).FullName!;
    }

    public RemoteGrainException(string message)
        : base(message)
    {
        OriginalTypeName = typeof(RemoteGrainException).FullName!;
    }

    public RemoteGrainException(string message, Exception innerException)
        : base(message, innerException)
    {
        OriginalTypeName = typeof(RemoteGrainException).FullName!;
    }

    /// <summary>Creates a stand-in for an exception of type <paramref name="originalTypeName"/>.</summary>
    public RemoteGrainException(string originalTypeName, string? message, Exception? innerException)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(originalTypeName);
        OriginalTypeName = originalTypeName;
    }

    /// <summary>Full name of the exception type that was thrown remotely, e.g. "Contoso.QuotaExceededException".</summary>
    public string OriginalTypeName { get; }

    /// <summary>
    /// The original type's assembly-qualified name, when known. Kept so that passing this exception on
    /// to a process that does have the type rebuilds the original there.
    /// </summary>
    internal string? OriginalAssemblyQualifiedName { get; init; }
}
