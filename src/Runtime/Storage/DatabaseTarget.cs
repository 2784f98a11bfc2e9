using Npgsql;

namespace OrleansChat.Runtime.Storage;

/// <summary>Host, port and database of a data source, for logs and errors: never the connection string, which may hold a password.</summary>
internal sealed record DatabaseTarget(string Host, int Port, string Database, int ConnectTimeoutSeconds)
{
    public static DatabaseTarget Describe(NpgsqlDataSource dataSource)
    {
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return new DatabaseTarget(
            builder.Host ?? "(default host)",
            builder.Port,
            builder.Database ?? builder.Username ?? "(default database)",
            builder.Timeout);
    }

    public override string ToString() => $"{Host}:{Port} (database '{Database}')";
}
