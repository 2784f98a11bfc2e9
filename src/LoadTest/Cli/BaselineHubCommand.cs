using System.CommandLine;
using OrleansChat.LoadTest.Baseline;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Cli;

/// <summary>baseline-hub: host the bare SignalR hub as a process of its own until stopped.</summary>
internal static class BaselineHubCommand
{
    public static Command Create()
    {
        var command = new Command("baseline-hub", "Host the bare baseline hub (single-process SignalR, no cluster, no database) on 127.0.0.1 until Ctrl-C/SIGTERM");
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0: any free port)" };
        var history = new Option<int>("--history") { Description = "Messages kept per conversation for catch-up", DefaultValueFactory = _ => 1000 };
        var maxSeconds = new Option<double>("--max-seconds") { Description = "Stop by itself after this long (a forgotten hub does not run forever)", DefaultValueFactory = _ => 3600 };
        var readyFile = new Option<string?>("--ready-file") { Description = "Write the hub URL to this file once listening" };
        command.Options.Add(port);
        command.Options.Add(history);
        command.Options.Add(maxSeconds);
        command.Options.Add(readyFile);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var portValue = parse.GetValue(port);
            var historyValue = parse.GetValue(history);
            var lifetime = parse.GetValue(maxSeconds);
            if (portValue is < 0 or > 65535 || historyValue is < 0 or > 1_000_000 || lifetime is <= 0 or > 86_400)
            {
                await Console.Error.WriteLineAsync("error: --port 0..65535, --history 0..1000000, --max-seconds 1..86400");
                return ExitCodes.Usage;
            }

            await using var server = await BaselineHubServer.StartAsync(portValue, historyValue, cancellationToken);
            Console.WriteLine($"baseline-hub listening on {server.HubUrl} (pid {Environment.ProcessId}, server GC {System.Runtime.GCSettings.IsServerGC})");
            if (parse.GetValue(readyFile) is { } path)
            {
                await File.WriteAllTextAsync(path + ".tmp", server.HubUrl.ToString(), cancellationToken);
                File.Move(path + ".tmp", path, overwrite: true);
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(lifetime), cancellationToken);
                await Console.Error.WriteLineAsync($"baseline-hub: stopping after --max-seconds {lifetime}");
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
