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
        foreach (var option in new Option[] { connections, rooms, settle, hold })
        {
            command.Options.Add(option);
        }

        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common, (context, ct) =>
        {
            var roomCount = parse.GetValue(rooms);
            ScenarioRunner.Require(roomCount is >= 0 and <= 100_000, "--rooms must be between 0 and 100000.");
            var serverPid = context.Workload.ServerPid;
            var settings = new SoakSettings(FanOutCommands.Positive(parse, connections), roomCount,
                ScenarioRunner.Seconds(parse.GetValue(settle), "--settle"), ScenarioRunner.Seconds(parse.GetValue(hold), "--hold"), serverPid);
            return SoakScenario.RunAsync(context, settings, ct);
        }, token));
        return command;
    }
}
