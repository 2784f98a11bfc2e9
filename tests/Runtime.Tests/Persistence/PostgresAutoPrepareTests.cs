using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Persistence;

/// <summary>The shared data source prepares hot statements (the message append above all) unless the connection string says otherwise.</summary>
public sealed class PostgresAutoPrepareTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public void A_connection_string_without_the_setting_gets_the_default()
    {
        using var provider = Provider("Host=127.0.0.1;Username=postgres");

        Assert.Equal(PostgresServiceCollectionExtensions.DefaultMaxAutoPrepare, Settings(provider).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Username=postgres;Max Auto Prepare=0", 0)]
    [InlineData("Host=127.0.0.1;Username=postgres;MaxAutoPrepare=5", 5)]
    public void A_value_the_connection_string_sets_is_kept(string connectionString, int expected)
    {
        using var provider = Provider(connectionString);

        Assert.Equal(expected, Settings(provider).MaxAutoPrepare);
    }

    [Fact]
    public void The_password_survives_the_rewrite()
    {
        using var provider = Provider("Host=127.0.0.1;Username=postgres;Password=pw-kept;Persist Security Info=true");

        Assert.Equal("pw-kept", Settings(provider).Password);
    }

    [Fact]
    public async Task A_statement_run_repeatedly_is_prepared_on_the_server()
    {
        // One pooled connection, so the check below sees the same server session as the statements.
        using var provider = Provider($"{postgres.ConnectionString};Maximum Pool Size=1");
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        for (var i = 0; i < 10; i++)
        {
            await using var command = dataSource.CreateCommand("SELECT $1::int + 41 AS auto_prepare_probe");
            command.Parameters.Add(new NpgsqlParameter { Value = i });
            Assert.Equal(i + 41, (int)(await command.ExecuteScalarAsync())!);
        }

        await using var check = dataSource.CreateCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%auto_prepare_probe%' AND statement NOT LIKE '%pg_prepared_statements%'");
        Assert.Equal(1L, (long)(await check.ExecuteScalarAsync())!);
    }

    private static ServiceProvider Provider(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddOrleansChatPostgres(connectionString);
        return services.BuildServiceProvider();
    }

    private static NpgsqlConnectionStringBuilder Settings(IServiceProvider provider) =>
        new(provider.GetRequiredService<NpgsqlDataSource>().ConnectionString);
}
