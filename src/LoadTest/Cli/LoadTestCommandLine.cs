using System.CommandLine;

namespace OrleansChat.LoadTest.Cli;

/// <summary>The tool's commands.</summary>
internal static class LoadTestCommandLine
{
    /// <summary>Parses and runs; a command line that does not parse exits with <see cref="Reporting.ExitCodes.Usage"/>.</summary>
    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("(see --help)");
            return Reporting.ExitCodes.Usage;
        }

        return await parse.InvokeAsync();
    }

    public static RootCommand Build()
    {
        var common = new CommonOptions();
        var root = new RootCommand(
            "OrleansChat load tester: thousands of SignalR (JSON protocol) WebSocket clients per process against the gateway's hub, " +
            "with end-to-end latency histograms, exactly-once delivery checks and the baselines the results are compared with.")
        {
            FanOutCommands.HotRoom(common),
            FanOutCommands.SmallRooms(common),
            FanOutCommands.DmStorm(common),
            FanOutCommands.Churn(common),
            FanOutCommands.Chaos(common),
            SoakCommand.Create(common),
            StormCommand.Create(common),
            CapacityCommand.Create(common),
            BaselineHubCommand.Create(),
            InsertBaselineCommand.Create(),
            WritePathCommand.Create(),
            ProbeCommand.Create(),
            ReportCommand.Create(),
        };
        return root;
    }
}
