namespace OrleansChat.Runtime;

/// <summary>
/// Stored state exists but cannot be deserialized (damaged bytes, an unknown format version, or a
/// payload written by an incompatible type). Only this grain's read fails: the row is left as it
/// is for an operator to inspect, and the grain's in-memory state is not changed.
/// </summary>
public sealed class GrainStateCorruptException : Exception
{
    public GrainStateCorruptException()
    {
    }

    public GrainStateCorruptException(string message)
        : base(message)
    {
    }

    public GrainStateCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainStateCorruptException(GrainId grainId, string stateName, string storageName, Exception innerException)
        : base(
            $"Stored state '{stateName}' of grain {grainId} in storage '{storageName}' cannot be read: {innerException.Message} " +
            "The stored record was left unchanged.",
            innerException)
    {
        GrainId = grainId;
        StateName = stateName;
        StorageName = storageName;
    }

    /// <summary>The grain whose state is unreadable.</summary>
    public GrainId GrainId { get; }

    /// <summary>The state's name within the grain.</summary>
    public string? StateName { get; }

    /// <summary>The storage provider's name.</summary>
    public string? StorageName { get; }
}
