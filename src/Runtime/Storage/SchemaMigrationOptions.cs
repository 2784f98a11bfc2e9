namespace OrleansChat.Runtime.Storage;

/// <summary>
/// How the start-up schema migration runs. How long start-up waits to reach the database is the
/// connection string's <c>Timeout</c> (Npgsql's connect timeout, 15 s by default), which bounds
/// every connection attempt of every component alike; <c>AddOrleansChatPostgres</c> refuses
/// <c>Timeout=0</c>, which would wait forever.
/// </summary>
public sealed class SchemaMigrationOptions
{
    /// <summary>
    /// Limit for each migration's SQL, including the wait for the migration lock held by another
    /// starter. Generous because a migration may rewrite a large table.
    /// </summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
