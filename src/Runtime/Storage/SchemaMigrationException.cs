namespace OrleansChat.Runtime.Storage;

/// <summary>
/// The migration set is invalid (duplicate or empty id, empty SQL), or one migration's SQL failed.
/// A failed migration's transaction is rolled back, so it is neither half-applied nor recorded;
/// migrations before it stay applied and the ones after it are not attempted.
/// </summary>
public sealed class SchemaMigrationException : Exception
{
    public SchemaMigrationException()
    {
    }

    public SchemaMigrationException(string message)
        : base(message)
    {
    }

    public SchemaMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The migration that failed, when one did.</summary>
    public string? MigrationId { get; init; }
}
