using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Storage;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Persistence;

public sealed class SchemaMigratorTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    // Deliberately not idempotent: applying any of them twice fails or leaves a second row.
    private static readonly Migration[] Migrations =
    [
        new("test/0001-widgets", "CREATE TABLE widgets (id int PRIMARY KEY); CREATE TABLE applications (migration text NOT NULL);"),
        new("test/0002-widget-name", "ALTER TABLE widgets ADD COLUMN name text; INSERT INTO applications VALUES ('0002');"),
        new("test/0003-gadgets", "CREATE TABLE gadgets (id int PRIMARY KEY); INSERT INTO applications VALUES ('0003');"),
        new("test/0004-gadget-index", "CREATE INDEX gadgets_by_id ON gadgets (id); INSERT INTO applications VALUES ('0004');"),
    ];

    [Fact]
    public async Task Migrations_apply_once_and_a_second_run_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

        var first = await CreateMigrator(dataSource, new ListMigrationSource(Migrations)).MigrateAsync(CancellationToken.None);
        var recordedAfterFirst = await ReadHistoryAsync(dataSource);
        var second = await CreateMigrator(dataSource, new ListMigrationSource(Migrations)).MigrateAsync(CancellationToken.None);

        Assert.Equal(Migrations.Length, first);
        Assert.Equal(0, second);
        Assert.Equal(Migrations.Select(m => m.Id).Order(StringComparer.Ordinal), recordedAfterFirst.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(recordedAfterFirst, await ReadHistoryAsync(dataSource));
        Assert.Equal(3L, await ScalarAsync<long>(dataSource, "SELECT count(*) FROM applications"));
    }

    [Fact]
    public async Task Four_concurrent_migrators_on_a_fresh_database_all_succeed_and_apply_each_migration_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        try
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = dataSources
                .Select(dataSource => Task.Run(async () =>
                {
                    await gate.Task;
                    return await CreateMigrator(dataSource, new ListMigrationSource(Migrations)).MigrateAsync(CancellationToken.None);
                }))
                .ToArray();
            gate.SetResult();

            var applied = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(Migrations.Length, applied.Sum());
            var history = await ReadHistoryAsync(dataSources[0]);
            Assert.Equal(Migrations.Select(m => m.Id).Order(StringComparer.Ordinal), history.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(
                ["0002", "0003", "0004"],
                await ListAsync(dataSources[0], "SELECT migration FROM applications ORDER BY migration"));
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_migration_added_later_is_applied_on_the_next_start_and_earlier_ones_are_not_rerun()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        await CreateMigrator(dataSource, new ListMigrationSource(Migrations[..2])).MigrateAsync(CancellationToken.None);

        var applied = await CreateMigrator(dataSource, new ListMigrationSource(Migrations)).MigrateAsync(CancellationToken.None);

        Assert.Equal(2, applied);
        Assert.Equal(["0002", "0003", "0004"], await ListAsync(dataSource, "SELECT migration FROM applications ORDER BY migration"));
    }

    [Fact]
    public async Task Sources_apply_in_registration_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var first = new ListMigrationSource(new Migration("b/0001", "CREATE TABLE parent (id int PRIMARY KEY);"));
        var second = new ListMigrationSource(new Migration("a/0001", "CREATE TABLE child (parent int REFERENCES parent (id));"));

        var applied = await CreateMigrator(dataSource, first, second).MigrateAsync(CancellationToken.None);

        Assert.Equal(2, applied);
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_whole_named_in_the_error_and_stops_the_run()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var source = new ListMigrationSource(
            new Migration("test/0001-ok", "CREATE TABLE ok (id int);"),
            new Migration("test/0002-broken", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"),
            new Migration("test/0003-after", "CREATE TABLE after_broken (id int);"));

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => CreateMigrator(dataSource, source).MigrateAsync(CancellationToken.None));

        Assert.Equal("test/0002-broken", error.MigrationId);
        Assert.Contains("test/0002-broken", error.Message, StringComparison.Ordinal);
        Assert.Contains("no_such_table", error.Message, StringComparison.Ordinal);
        Assert.Equal(["test/0001-ok"], (await ReadHistoryAsync(dataSource)).Keys);
        Assert.Null(await ScalarAsync<string>(dataSource, "SELECT to_regclass('half_done')::text"));
        Assert.Null(await ScalarAsync<string>(dataSource, "SELECT to_regclass('after_broken')::text"));
    }

    [Fact]
    public async Task A_migration_id_contributed_twice_is_rejected_before_anything_is_applied()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        var first = new ListMigrationSource(new Migration("shared/0001", "CREATE TABLE one (id int);"));
        var second = new ListMigrationSource(new Migration("shared/0001", "CREATE TABLE two (id int);"));

        var error = await Assert.ThrowsAsync<SchemaMigrationException>(
            () => CreateMigrator(dataSource, first, second).MigrateAsync(CancellationToken.None));

        Assert.Contains("shared/0001", error.Message, StringComparison.Ordinal);
        Assert.Null(await ScalarAsync<string>(dataSource, "SELECT to_regclass('schema_migrations')::text"));
    }

    [Fact]
    public async Task Host_start_runs_migrations_before_any_hosted_service_starts_even_one_registered_first()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddHostedService<GrainStateTableProbe>();
        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddPostgreSqlGrainStorageAsDefault(options => options.ServiceId = "probe");
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            var probe = host.Services.GetServices<IHostedService>().OfType<GrainStateTableProbe>().Single();
            Assert.True(probe.SawGrainStateTable, "expected grain_state to exist when the first hosted service started");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task An_unreachable_database_fails_start_up_quickly_naming_host_and_port_but_not_the_password()
    {
        var closedPort = FindClosedPort();
        var connectionString = $"Host=127.0.0.1;Port={closedPort};Username=postgres;Password=s3cret-pw;Database=nowhere;Timeout=3";
        using var host = StorageHost.Build(connectionString, _ => { });

        var start = host.StartAsync();
        var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.True(finished == start, "expected start-up to fail within the 3 s connect timeout, not to hang");
        var error = await Assert.ThrowsAsync<DatabaseUnreachableException>(() => start);
        Assert.Contains($"127.0.0.1:{closedPort}", error.Message, StringComparison.Ordinal);
        Assert.Contains("nowhere", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_fails_start_up_within_the_connect_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var host = StorageHost.Build($"Host=127.0.0.1;Port={port};Username=postgres;Timeout=2", _ => { });

        var start = host.StartAsync();
        var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.True(finished == start, "expected start-up to give up after the 2 s connect timeout, not to wait for the silent server");
        var error = await Assert.ThrowsAsync<DatabaseUnreachableException>(() => start);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connect timeout 2 s", error.Message, StringComparison.Ordinal);
    }

    private static int FindClosedPort()
    {
        // Bind an ephemeral port and release it: nothing listens there afterwards.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static SchemaMigrator CreateMigrator(NpgsqlDataSource dataSource, params IMigrationSource[] sources) =>
        new(dataSource, sources, Options.Create(new SchemaMigrationOptions()), TimeProvider.System, NullLogger<SchemaMigrator>.Instance);

    private static async Task<Dictionary<string, DateTime>> ReadHistoryAsync(NpgsqlDataSource dataSource)
    {
        var history = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        await using var command = dataSource.CreateCommand("SELECT id, applied_at FROM schema_migrations");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            history.Add(reader.GetString(0), reader.GetDateTime(1));
        }

        return history;
    }

    private static async Task<List<string>> ListAsync(NpgsqlDataSource dataSource, string sql)
    {
        var values = new List<string>();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull or null ? default : (T)value;
    }

    /// <summary>A hosted service registered before the database; records whether the schema was ready when it started.</summary>
    private sealed class GrainStateTableProbe(NpgsqlDataSource dataSource) : IHostedService
    {
        public bool SawGrainStateTable { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken) =>
            SawGrainStateTable = await ScalarAsync<string>(dataSource, "SELECT to_regclass('grain_state')::text") is not null;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
