namespace OrleansChat.Runtime.Storage;

/// <summary>
/// A component's schema migrations (the runtime's grain storage, membership, chat tables).
/// Register each source as a singleton <see cref="IMigrationSource"/> (with
/// <c>TryAddEnumerable</c>); the one <see cref="SchemaMigrator"/> applies every source's migrations at start-up.
/// </summary>
public interface IMigrationSource
{
    /// <summary>The migrations in the order they must be applied.</summary>
    IEnumerable<Migration> GetMigrations();
}
