using Npgsql;

namespace OrleansChat.LoadTest.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test class on the server named by <c>ORLEANSCHAT_TEST_POSTGRES</c>
/// (./test.sh starts one), dropped afterwards. Without the variable the tests fail, saying why.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "ORLEANSCHAT_TEST_POSTGRES";

    private string _server = string.Empty;
    private string _name = string.Empty;

    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set and these tests need a real PostgreSQL: run ./test.sh, or set it, e.g. " +
                $"{EnvironmentVariable}=\"Host=127.0.0.1;Port=55432;Username=postgres\".");
        }

        _server = server;
        _name = "lt_" + Guid.NewGuid().ToString("N");
        await using var admin = Admin();
        await using var command = admin.CreateCommand($"CREATE DATABASE {_name}");
        await command.ExecuteNonQueryAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_name.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = Admin();
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var source = NpgsqlDataSource.Create(ConnectionString);
        await using var command = source.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private NpgsqlDataSource Admin() => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false });
}
