using Npgsql;

namespace OrleansChat.Runtime.Membership;

/// <summary>
/// DDL of the membership tables as ordered (id, sql) steps. Every step is idempotent, so the
/// list can move into the project's migration source unchanged; until then
/// <see cref="ApplyAsync"/> runs it in one transaction under an advisory lock, because two
/// silos running <c>CREATE TABLE IF NOT EXISTS</c> concurrently can otherwise both try to create
/// the table and one fails on the catalog's unique index.
/// </summary>
internal static class MembershipSchema
{
    /// <summary>Key of <c>pg_advisory_xact_lock</c> for membership DDL ("OCMEMBER" as ASCII).</summary>
    public const long AdvisoryLockKey = 0x4F434D454D424552;

    /// <summary>The steps, in order.</summary>
    public static IReadOnlyList<(string Id, string Sql)> Migrations { get; } =
    [
        ("membership-0001-tables", """
            CREATE TABLE IF NOT EXISTS cluster_membership_version (
                cluster_id text PRIMARY KEY,
                version bigint NOT NULL,
                timestamp timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE IF NOT EXISTS cluster_members (
                cluster_id text NOT NULL REFERENCES cluster_membership_version (cluster_id),
                host text NOT NULL,
                port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
                generation bigint NOT NULL CHECK (generation > 0),
                silo_name text NOT NULL,
                probe_port integer NOT NULL CHECK (probe_port BETWEEN 1 AND 65535),
                status smallint NOT NULL CHECK (status BETWEEN 1 AND 6),
                suspect_times jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(suspect_times) = 'array'),
                start_time timestamptz NOT NULL,
                i_am_alive_time timestamptz NOT NULL,
                PRIMARY KEY (cluster_id, host, port, generation)
            );
            """),

        // Defence in depth for "a Dead row never comes back": the service's own updates already
        // guard on status, this also stops a stale process, a script or an operator.
        ("membership-0002-dead-is-final", """
            CREATE OR REPLACE FUNCTION cluster_members_dead_is_final() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.status = 6 AND NEW.status <> 6 THEN
                    RAISE EXCEPTION 'silo %:%@% of cluster % is Dead; a Dead row never changes status (restart with a new generation)',
                        OLD.host, OLD.port, OLD.generation, OLD.cluster_id
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END;
            $$;
            CREATE OR REPLACE TRIGGER cluster_members_dead_is_final
                BEFORE UPDATE OF status ON cluster_members
                FOR EACH ROW EXECUTE FUNCTION cluster_members_dead_is_final();
            """),
    ];

    /// <summary>Applies every step in one transaction holding <see cref="AdvisoryLockKey"/>.</summary>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", AdvisoryLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (_, sql) in Migrations)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
