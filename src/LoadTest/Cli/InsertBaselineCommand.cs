using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Cli;

/// <summary>insert-baseline: raw batched INSERT throughput into a scratch copy of the message table.</summary>
internal static class InsertBaselineCommand
{
    public static Command Create()
    {
        var command = new Command("insert-baseline", "Measure raw INSERT throughput (batched, and one row per transaction) into a scratch table shaped like the message log");
        var postgres = new Option<string>("--postgres") { Description = "Npgsql connection string", Required = true };
        var writers = new Option<int>("--writers") { Description = "Connections inserting at once", DefaultValueFactory = _ => 4 };
        var batch = new Option<int>("--batch") { Description = "Rows per INSERT statement (and transaction)", DefaultValueFactory = _ => 500 };
        var seconds = new Option<double>("--seconds") { Description = "Seconds of batched inserts", DefaultValueFactory = _ => 5 };
        var single = new Option<double>("--single-row-seconds") { Description = "Seconds of one-row-per-transaction inserts (0: skip)", DefaultValueFactory = _ => 3 };
        var common = new DatabaseOptions();
        common.AddTo(command, postgres, writers, batch, seconds, single);

        command.SetAction(async (parse, cancellationToken) =>
        {
            InsertSettings settings;
            string endpoint;
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(parse.GetValue(postgres));
                endpoint = $"postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
                var writerCount = parse.GetValue(writers);
                var batchRows = parse.GetValue(batch);
                ScenarioRunner.Require(writerCount is >= 1 and <= 64, "--writers must be between 1 and 64.");
                ScenarioRunner.Require(batchRows is >= 1 and <= 8191, "--batch must be between 1 and 8191 rows.");
                var textBytes = common.ReadTextBytes(parse);
                settings = new InsertSettings(builder.ConnectionString, writerCount, batchRows,
                    ScenarioRunner.Seconds(parse.GetValue(seconds), "--seconds"), ScenarioRunner.Seconds(parse.GetValue(single), "--single-row-seconds"), textBytes);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            var startedAt = DateTimeOffset.UtcNow;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var baseline = new InsertBaseline(settings);
                await Console.Error.WriteLineAsync($"inserting into scratch table {baseline.Table} at {endpoint}");
                var figures = await baseline.RunAsync(cancellationToken);
                var result = ScenarioRunner.DatabaseResult("insert-baseline", "postgres", endpoint, startedAt, started, parse) with { Insert = figures };
                await ScenarioRunner.PublishAsync(result, parse.GetValue(common.Out), cancellationToken);
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.RunFailed;
            }
        });
        return command;
    }
}
