using System.Diagnostics;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>
/// Kills a silo (SIGKILL, no chance to flush anything) part-way through the window, then checks
/// the database: every acknowledged message must be stored exactly once, under the acknowledged
/// sequence number. Refuses to kill a process that does not look like an OrleansChat silo unless
/// forced, so a mistyped PID cannot take down something else.
/// </summary>
internal sealed class ChaosKiller(ChaosSettings settings, IRunReporter reporter)
{
    private string _command = string.Empty;
    private double _killedAt = -1;

    /// <exception cref="InvalidOperationException">The PID is not running, or is not a silo and <see cref="ChaosSettings.Force"/> is off.</exception>
    public void Validate()
    {
        _command = ProcessMemory.CommandLine(settings.SiloPid);
        if (_command.Length == 0)
        {
            throw new InvalidOperationException($"--kill-silo-pid {settings.SiloPid}: no such process on this machine.");
        }

        if (settings.SiloPid == Environment.ProcessId)
        {
            throw new InvalidOperationException("--kill-silo-pid names this load generator itself.");
        }

        if (!settings.Force && !_command.Contains("OrleansChat.Silo", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"--kill-silo-pid {settings.SiloPid} runs '{_command}', which is not an OrleansChat silo; pass --force-kill to kill it anyway.");
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(settings.KillAfter, cancellationToken);
        using var process = Process.GetProcessById(settings.SiloPid);
        process.Kill(entireProcessTree: false);
        _killedAt = Stopwatch.GetElapsedTime(started).TotalSeconds;
        reporter.Info($"killed silo pid {settings.SiloPid} at {_killedAt:0.0} s into the window");
    }

    public async Task<ChaosFigures> VerifyAsync(ChatWorkload workload, CancellationToken cancellationToken)
    {
        var acked = workload.Ledger.Select(r => new AckedMessage(r.ConversationId, workload.Fleet.Clients[r.SenderIndex].Identity.UserId, r.ClientMessageId, r.AckedSeq)).ToArray();
        var query = new StoredMessageQuery(settings.Table);
        if (settings.Postgres is not { } connectionString)
        {
            return new ChaosFigures(settings.SiloPid, _command, _killedAt, acked.Length, 0, 0, 0, 0, query.Sql,
                "no --postgres given: acknowledged messages were not checked against the store");
        }

        try
        {
            var check = await new AckedMessageVerifier(connectionString, query).VerifyAsync(acked, cancellationToken);
            reporter.Info($"store check: {check.StoredOnce}/{acked.Length} acknowledged messages stored exactly once");
            return new ChaosFigures(settings.SiloPid, _command, _killedAt, acked.Length, check.StoredOnce, check.Missing, check.StoredMoreThanOnce, check.SeqMismatch, query.Sql, null);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or InvalidOperationException)
        {
            return new ChaosFigures(settings.SiloPid, _command, _killedAt, acked.Length, 0, 0, 0, 0, query.Sql, ex.Message);
        }
    }
}
