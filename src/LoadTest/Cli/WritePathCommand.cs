using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Cli;

/// <summary>write-path: persisted messages/s of a running cluster's silos and database, posting to room grains as a cluster client.</summary>
internal static class WritePathCommand
{
    public static Command Create()
    {
        var command = new Command("write-path", "Join a running cluster as a client (like the gateway) and measure persisted messages/s posting straight to room grains; every acknowledged message is then checked in PostgreSQL");
        var postgres = new Option<string>("--postgres") { Description = "The cluster's Npgsql connection string (membership table and message log)", Required = true };
        var clusterId = new Option<string>("--cluster-id") { Description = "The silos' Cluster:ClusterId", DefaultValueFactory = _ => "orleanschat" };
        var silos = new Option<int>("--silos") { Description = "Wait until this many silos are active", DefaultValueFactory = _ => 1 };
        var rooms = new Option<int>("--rooms") { Description = "Rooms posted to (one owner each)", DefaultValueFactory = _ => 1000 };
        var inFlight = new Option<int>("--in-flight") { Description = "Posts in flight at once (each poster sends to one room, one post at a time)", DefaultValueFactory = _ => 2000 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of posting before the window", DefaultValueFactory = _ => 2 };
        var duration = new Option<double>("--duration") { Description = "Seconds of the measurement window", DefaultValueFactory = _ => 8 };
        var common = new DatabaseOptions();
        common.AddTo(command, postgres, clusterId, silos, rooms, inFlight, warmup, duration);

        command.SetAction(async (parse, cancellationToken) =>
        {
            WritePathSettings settings;
            string endpoint;
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(parse.GetValue(postgres));
                endpoint = $"cluster {parse.GetValue(clusterId)} via postgresql://{builder.Host}:{builder.Port}/{builder.Database}";
                ScenarioRunner.Require(parse.GetValue(silos) is >= 1 and <= 64, "--silos must be between 1 and 64.");
                ScenarioRunner.Require(parse.GetValue(rooms) is >= 1 and <= 100_000, "--rooms must be between 1 and 100,000.");
                ScenarioRunner.Require(parse.GetValue(inFlight) is >= 1 and <= 100_000, "--in-flight must be between 1 and 100,000.");
                var textBytes = common.ReadTextBytes(parse);
                ScenarioRunner.Require(!string.IsNullOrWhiteSpace(parse.GetValue(clusterId)), "--cluster-id must not be empty.");
                settings = new WritePathSettings(builder.ConnectionString, parse.GetValue(clusterId)!, parse.GetValue(silos), parse.GetValue(rooms), parse.GetValue(inFlight),
                    ScenarioRunner.Seconds(parse.GetValue(warmup), "--warmup"), ScenarioRunner.Seconds(parse.GetValue(duration), "--duration"), textBytes);
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
                var figures = await new WritePathRun(settings, new ConsoleReporter(live: false)).RunAsync(cancellationToken);
                var result = ScenarioRunner.DatabaseResult("write-path", "cluster", endpoint, startedAt, started, parse) with
                {
                    WritePath = figures,
                    Errors = figures.ErrorCodes,
                    ErrorRate = figures.AckedTotal + figures.Errors == 0 ? 0 : (double)figures.Errors / (figures.AckedTotal + figures.Errors),
                };
                await ScenarioRunner.PublishAsync(result, parse.GetValue(common.Out), cancellationToken);
                var store = figures.Store;
                var correct = figures.Errors == 0 && figures.RoomsWithGaps == 0 && store.Missing == 0 && store.StoredMoreThanOnce == 0 && store.SeqMismatch == 0;
                return correct ? ExitCodes.Ok : ExitCodes.RunFailed;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Database unreachable, no silos within the wait, refused set-up: one line, not a stack trace.
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.RunFailed;
            }
        });
        return command;
    }
}
