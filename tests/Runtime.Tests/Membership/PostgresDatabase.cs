using Npgsql;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// A fresh database per test class on the server named by ORLEANSCHAT_TEST_POSTGRES, dropped
/// afterwards. Without the variable every test of the class fails with a message saying so.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "ORLEANSCHAT_TEST_POSTGRES";

    private NpgsqlDataSource? _dataSource;
    private string? _adminConnectionString;
    private string? _name;

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The test database was not created.");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var admin = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"The membership tests need a real PostgreSQL server: set {EnvironmentVariable}, e.g. {EnvironmentVariable}=\"Host=127.0.0.1;Port=55435;Username=postgres\".");
        }

        (_dataSource, ConnectionString, _name) = await CreateAsync(admin);
        _adminConnectionString = admin;
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_adminConnectionString is not null && _name is not null)
        {
            await DropAsync(_adminConnectionString, _name);
        }
    }

    /// <summary>Creates a uniquely named database on the server of <paramref name="adminConnectionString"/>.</summary>
    public static async Task<(NpgsqlDataSource DataSource, string ConnectionString, string Name)> CreateAsync(string adminConnectionString)
    {
        var name = "membership_" + Guid.NewGuid().ToString("N");
        await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        return (NpgsqlDataSource.Create(connectionString), connectionString, name);
    }

    public static async Task DropAsync(string adminConnectionString, string name)
    {
        await using var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
