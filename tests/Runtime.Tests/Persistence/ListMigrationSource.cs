using OrleansChat.Runtime.Storage;

namespace OrleansChat.Runtime.Tests.Persistence;

/// <summary>A migration source holding a fixed list, for migrator tests.</summary>
internal sealed class ListMigrationSource(params Migration[] migrations) : IMigrationSource
{
    public IEnumerable<Migration> GetMigrations() => migrations;
}
