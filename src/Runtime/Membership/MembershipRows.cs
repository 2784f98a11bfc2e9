using System.Collections.Immutable;
using System.Text.Json;
using Npgsql;

namespace OrleansChat.Runtime.Membership;

/// <summary>Reads a cluster's rows in one statement, so the version and the rows come from one snapshot.</summary>
internal static class MembershipRows
{
    // The outer SELECT now() guarantees one row even for an unknown cluster, so the database
    // clock is always returned.
    private const string SelectSql = """
        SELECT v.version, n.db_now, m.host, m.port, m.generation, m.silo_name, m.probe_port, m.status,
               m.suspect_times::text, m.start_time, m.i_am_alive_time
        FROM (SELECT now() AS db_now) n
        LEFT JOIN cluster_membership_version v ON v.cluster_id = @cluster
        LEFT JOIN cluster_members m ON m.cluster_id = v.cluster_id
        """;

    public static async Task<MembershipSnapshot> ReadAsync(NpgsqlDataSource dataSource, string clusterId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SelectSql);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long version = 0;
        var now = DateTimeOffset.MinValue;
        var members = new List<MembershipEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            now = reader.GetFieldValue<DateTimeOffset>(1);
            if (reader.IsDBNull(0))
            {
                continue;
            }

            version = reader.GetInt64(0);
            if (reader.IsDBNull(2))
            {
                continue;
            }

            var address = new SiloAddress(reader.GetString(2), reader.GetInt32(3), reader.GetInt64(4));
            members.Add(new MembershipEntry(
                address,
                (SiloStatus)reader.GetInt16(7),
                reader.GetString(5),
                reader.GetInt32(6),
                reader.GetFieldValue<DateTimeOffset>(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                ParseVotes(reader.GetString(8))));
        }

        return new MembershipSnapshot(new MembershipView(version, members), now);
    }

    /// <summary>Parses <c>[{"voter": "host:port@gen", "time": "..."}]</c>; entries that do not parse are skipped.</summary>
    public static ImmutableArray<SuspectVote> ParseVotes(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var votes = ImmutableArray.CreateBuilder<SuspectVote>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object
                && element.TryGetProperty("voter", out var voter)
                && element.TryGetProperty("time", out var time)
                && voter.ValueKind == JsonValueKind.String
                && SiloAddress.TryParse(voter.GetString(), out var voterAddress)
                && time.ValueKind == JsonValueKind.String
                && time.TryGetDateTimeOffset(out var at))
            {
                votes.Add(new SuspectVote(voterAddress, at));
            }
        }

        votes.Sort((a, b) => a.Time.CompareTo(b.Time));
        return votes.ToImmutable();
    }
}
