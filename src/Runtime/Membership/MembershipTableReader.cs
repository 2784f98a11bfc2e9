using Npgsql;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// Read-only access to a cluster's membership rows, for gateways, external clients and operator
/// tools that are not silos. Never writes.
/// </summary>
public static class MembershipTableReader
{
    /// <summary>
    /// Reads every row of <paramref name="clusterId"/>. A database without the membership tables
    /// (no silo ever started there) yields <see cref="MembershipView.Empty"/>.
    /// </summary>
    public static async Task<MembershipView> ReadAsync(NpgsqlDataSource dataSource, string clusterId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterId);
        try
        {
            var snapshot = await MembershipRows.ReadAsync(dataSource, clusterId, cancellationToken).ConfigureAwait(false);
            return snapshot.View;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return MembershipView.Empty;
        }
    }

    /// <summary>The <see cref="SiloStatus.Active"/> silos of <paramref name="clusterId"/>, sorted.</summary>
    public static async Task<IReadOnlyList<SiloAddress>> ReadActiveSilosAsync(NpgsqlDataSource dataSource, string clusterId, CancellationToken cancellationToken = default)
    {
        var view = await ReadAsync(dataSource, clusterId, cancellationToken).ConfigureAwait(false);
        return view.ActiveSilos;
    }
}
