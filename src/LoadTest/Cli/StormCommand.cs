using System.CommandLine;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Cli;

/// <summary>reconnect-storm: drop everyone, reconnect with lastSeenSeq, check catch-up.</summary>
internal static class StormCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("reconnect-storm", "Drop every member at once, keep posting, reconnect them all with lastSeenSeq; check catch-up is complete and in order");
        var members = FanOutCommands.IntOption("--members", "Members dropped and reconnected", 1000);
        var writers = FanOutCommands.IntOption("--writers", "Members who stay connected and keep posting", 5);
        var rate = new Option<double>("--rate") { Description = "Messages posted per second throughout", DefaultValueFactory = _ => 20 };
        var warmup = new Option<double>("--warmup") { Description = "Seconds of normal traffic before the drop", DefaultValueFactory = _ => 3 };
        var outage = new Option<double>("--outage") { Description = "Seconds the members stay away", DefaultValueFactory = _ => 3 };
        var recover = new Option<double>("--recover-timeout") { Description = "Longest wait for everyone to be back and caught up", DefaultValueFactory = _ => 60 };
        foreach (var option in new Option[] { members, writers, rate, warmup, outage, recover })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common, (context, ct) =>
        {
            var sendRate = parse.GetValue(rate);
            ScenarioRunner.Require(sendRate is > 0 and <= 100_000, "--rate must be between 0 and 100000 per second.");
            var settings = new StormSettings(FanOutCommands.Positive(parse, members), FanOutCommands.Positive(parse, writers), sendRate,
                ScenarioRunner.Seconds(parse.GetValue(warmup), "--warmup"), ScenarioRunner.Seconds(parse.GetValue(outage), "--outage"),
                ScenarioRunner.Seconds(parse.GetValue(recover), "--recover-timeout"));
            return ReconnectStormScenario.RunAsync(context, settings, ct);
        }, token));
        return command;
    }
}
