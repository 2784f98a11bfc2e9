using System.Net;
using Npgsql;
using OrleansChat.Gateway.Tests.Infrastructure;

namespace OrleansChat.Gateway.Tests.Auth;

public sealed class DatabaseOutageTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task While_revocations_cannot_be_read_tokens_are_refused_as_unavailable_and_accepted_again_after()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var gateway = await GatewayHost.StartAsync(connectionString, s =>
        {
            s.Configuration["Gateway:Auth:RevocationPollInterval"] = "00:00:00.200";
            s.Configuration["Gateway:Auth:RevocationMaxStaleness"] = "00:00:01";
        });
        var tokens = await gateway.Client.SignUpAsync(Names.Unique());
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;

        await SetConnectionsAllowedAsync(database, allowed: false);
        try
        {
            await Wait.Until(
                async () =>
                {
                    using var me = await gateway.Client.GetMeAsync(tokens.AccessToken);
                    return me.StatusCode == HttpStatusCode.ServiceUnavailable;
                },
                "the gateway refuses tokens once it cannot read revocations (fail closed)");
            using var refused = await gateway.Client.GetMeAsync(tokens.AccessToken);
            await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "auth.unavailable");
            using var ready = await gateway.Client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            await SetConnectionsAllowedAsync(database, allowed: true);
        }

        await Wait.Until(
            async () =>
            {
                using var me = await gateway.Client.GetMeAsync(tokens.AccessToken);
                return me.StatusCode == HttpStatusCode.OK;
            },
            "the gateway accepts tokens again once PostgreSQL is back");
    }

    private async Task SetConnectionsAllowedAsync(string database, bool allowed)
    {
        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresFixture.EnvironmentVariable)) { Database = "postgres", Pooling = false };
        await using var dataSource = NpgsqlDataSource.Create(admin);
        await using (var alter = dataSource.CreateCommand($"ALTER DATABASE {database} ALLOW_CONNECTIONS {(allowed ? "true" : "false")}"))
        {
            await alter.ExecuteNonQueryAsync();
        }

        if (!allowed)
        {
            await using var terminate = dataSource.CreateCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()");
            terminate.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
            await terminate.ExecuteNonQueryAsync();
        }

    }
}
