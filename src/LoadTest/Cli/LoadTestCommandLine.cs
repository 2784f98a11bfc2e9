using System.CommandLine;

namespace OrleansChat.LoadTest.Cli;

/// <summary>The tool's commands.</summary>
internal static class LoadTestCommandLine
{
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
            ProbeCommand.Create(),
            ReportCommand.Create(),
        };
        return root;
    }
}
