using System.CommandLine;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Cli;

/// <summary>soak: N idle connections held, the server's memory per connection.</summary>
internal static class SoakCommand
{
    public static Command Create(CommonOptions common)
    {
        var command = new Command("soak", "Open N idle connections, hold them, and report the server's resident memory per connection (--gateway-pid)");
        var connections = FanOutCommands.IntOption("--connections", "Idle connections to hold", 10_000);
        var rooms = new Option<int>("--rooms") { Description = "Spread the connections over this many rooms (each subscribes to one); 0: plain connections" };
        var settle = new Option<double>("--settle") { Description = "Seconds after connecting before memory is read", DefaultValueFactory = _ => 3 };
        var hold = new Option<double>("--hold") { Description = "Seconds to hold the connections", DefaultValueFactory = _ => 10 };
        var warmup = new Option<int>("--warmup")
        {
            Description = "Connections to open and close before the server's memory is first read, so one-time costs (JIT, pools) are not charged per connection; 0: none",
        };
        foreach (var option in new Option[] { connections, rooms, settle, hold, warmup })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common, (context, ct) =>
        {
            var roomCount = parse.GetValue(rooms);
            ScenarioRunner.Require(roomCount is >= 0 and <= 100_000, "--rooms must be between 0 and 100000.");
            var warmupCount = parse.GetValue(warmup);
            ScenarioRunner.Require(warmupCount is >= 0 and <= 100_000, "--warmup must be between 0 and 100000.");
            var serverPid = context.Workload.ServerPid;
            var settings = new SoakSettings(FanOutCommands.Positive(parse, connections), roomCount,
                ScenarioRunner.Seconds(parse.GetValue(settle), "--settle"), ScenarioRunner.Seconds(parse.GetValue(hold), "--hold"), serverPid, warmupCount);
            return SoakScenario.RunAsync(context, settings, ct);
        }, token));
        return command;
    }
}
