namespace OrleansChat.Runtime;

/// <summary>
/// A conditional write lost: storage holds a version other than the one this activation read.
/// The state was not written; re-read before trying again. This is the guard that makes a
/// duplicate activation harmless.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The version in storage, when known.</summary>
    public string? StoredEtag { get; }

    /// <summary>The version the writer held.</summary>
    public string? CurrentEtag { get; }
}
