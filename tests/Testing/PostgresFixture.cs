using Npgsql;
using Xunit;

namespace OrleansChat.Testing;

/// <summary>
/// A fresh PostgreSQL database for one test class (<c>IClassFixture&lt;PostgresFixture&gt;</c>),
/// on the server named by <c>ORLEANSCHAT_TEST_POSTGRES</c>, plus more fresh databases on request
/// for tests that need an empty schema. All are dropped when the class finishes. Without the
/// variable the tests fail (never skip), saying how to get a server.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "ORLEANSCHAT_TEST_POSTGRES";

    private readonly List<string> _databases = [];
    private string _server = string.Empty;

    /// <summary>Connection string of this class's database.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set, and these tests need a real PostgreSQL. Run ./test.sh, which starts a " +
                $"throwaway server and sets it, or set it yourself, e.g. {EnvironmentVariable}=\"Host=127.0.0.1;Port=55432;Username=postgres\".");
        }

        _server = server;
        ConnectionString = await CreateDatabaseAsync();
    }

    /// <summary>Creates another empty database, dropped with this fixture; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = OpenAdmin())
        {
            await using var command = admin.CreateCommand($"CREATE DATABASE {name}");
            await command.ExecuteNonQueryAsync();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_server.Length == 0)
        {
            return;
        }

        // Pooled idle connections of the tests would otherwise block the drop.
        NpgsqlConnection.ClearAllPools();
        await using var admin = OpenAdmin();
        foreach (var name in _databases)
        {
            await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            await command.ExecuteNonQueryAsync();
        }
    }

    private NpgsqlDataSource OpenAdmin() =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false });
}
