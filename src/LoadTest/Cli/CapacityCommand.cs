using System.CommandLine;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Cli;

/// <summary>capacity: the highest hot-room delivery rate within a p99 limit.</summary>
internal static class CapacityCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("capacity", "Step the send rate into a hot room up until p99 exceeds the limit; report the highest sustained delivery rate");
        var members = FanOutCommands.IntOption("--members", "Members of the room", 2000);
        var senders = FanOutCommands.IntOption("--senders", "Members who post", 50);
        var limit = new Option<double>("--p99-ms") { Description = "Latency limit a step must stay within", DefaultValueFactory = _ => 100 };
        var start = new Option<double>("--start") { Description = "Deliveries per second of the first step", DefaultValueFactory = _ => 10_000 };
        var max = new Option<double>("--max") { Description = "Never offer more deliveries per second than this", DefaultValueFactory = _ => 1_000_000 };
        var growth = new Option<double>("--growth") { Description = "Rate factor between sustained steps", DefaultValueFactory = _ => 1.5 };
        var maxSteps = FanOutCommands.IntOption("--max-steps", "Upper bound on steps", 12);
        var refine = new Option<int>("--refine") { Description = "Bisection steps after the first failed step", DefaultValueFactory = _ => 3 };
        var stepWarmup = new Option<double>("--step-warmup") { Description = "Unmeasured seconds per step", DefaultValueFactory = _ => 1 };
        var stepSeconds = new Option<double>("--step-seconds") { Description = "Measured seconds per step", DefaultValueFactory = _ => 4 };
        foreach (var option in new Option[] { members, senders, limit, start, max, growth, maxSteps, refine, stepWarmup, stepSeconds })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common, (context, ct) =>
        {
            var p99 = parse.GetValue(limit);
            var first = parse.GetValue(start);
            var ceiling = parse.GetValue(max);
            var factor = parse.GetValue(growth);
            var refineSteps = parse.GetValue(refine);
            ScenarioRunner.Require(p99 > 0, "--p99-ms must be positive.");
            ScenarioRunner.Require(first > 0 && ceiling >= first, "--start must be positive and --max at least --start.");
            ScenarioRunner.Require(factor is > 1 and <= 10, "--growth must be between 1 and 10.");
            ScenarioRunner.Require(refineSteps is >= 0 and <= 20, "--refine must be between 0 and 20.");
            var settings = new CapacitySettings(FanOutCommands.Positive(parse, members), FanOutCommands.Positive(parse, senders), p99, first, ceiling, factor,
                Math.Min(FanOutCommands.Positive(parse, maxSteps), 50), refineSteps,
                ScenarioRunner.Seconds(parse.GetValue(stepWarmup), "--step-warmup"), ScenarioRunner.Seconds(parse.GetValue(stepSeconds), "--step-seconds"));
            return CapacityScenario.RunAsync(context, settings, ct);
        }, token));
        return command;
    }
}
