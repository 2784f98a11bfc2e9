namespace OrleansChat.Runtime.Persistence.PostgreSql;

/// <summary>Options of one named <see cref="IGrainStorage"/> backed by PostgreSQL; validated when the host starts.</summary>
public sealed class PostgreSqlGrainStorageOptions
{
    /// <summary>
    /// Identifies the deployment whose grains these are (required). Part of every row's key, so
    /// several deployments can share one database without seeing each other's state.
    /// </summary>
    public string ServiceId { get; set; } = string.Empty;

    /// <summary>
    /// When true, clearing state deletes the row; when false (the default, as in Orleans) the row
    /// is kept with no payload and a bumped version. Keeping the row is the safer choice: after a
    /// delete the next write starts again at version 1, so a stale activation still holding an
    /// ETag from before the delete can match the re-created row's version.
    /// </summary>
    public bool DeleteStateOnClear { get; set; }

    /// <summary>Limit for each storage command (PostgreSQL counts whole seconds).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
