using Npgsql;

namespace OrleansChat.Gateway.Http;

/// <summary>Ready when PostgreSQL answers a trivial query.</summary>
internal sealed class DatabaseReadinessCheck(NpgsqlDataSource dataSource) : IReadinessCheck
{
    public string Name => "database";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return ReadinessResult.Ready;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The exception type only: messages can name hosts and users.
            return ReadinessResult.NotReady($"PostgreSQL did not answer ({ex.GetType().Name}).");
        }
    }
}
