using System.CommandLine;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Cli;

/// <summary>probe: is there a working chat hub at the URL? (Exit 0 yes, 4 no.) Used by benchmarks/run.sh.</summary>
internal static class ProbeCommand
{
    public static Command Create()
    {
        var command = new Command("probe", "Check that a chat hub answers at --url: sign in, connect, handshake, one Subscribe. Exit 0 when it does, 4 when not");
        var url = new Option<string>("--url") { Description = "Gateway (or baseline hub) base URL", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var target = new Option<string>("--target") { Description = "gateway or baseline", DefaultValueFactory = _ => "gateway" };
        var allowRemote = new Option<bool>("--allow-remote") { Description = "Allow a --url that is not this machine" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for the answers", DefaultValueFactory = _ => 10 };
        foreach (var option in new Option[] { url, target, allowRemote, timeout })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            Uri baseUrl;
            try
            {
                baseUrl = TargetUrl.Parse(parse.GetValue(url)!, parse.GetValue(allowRemote));
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.Usage;
            }

            var hubUrl = new Uri(baseUrl, "/hubs/chat");
            var runId = Guid.NewGuid().ToString("N")[..8];
            await using IChatTarget chat = parse.GetValue(target) == "baseline"
                ? new BaselineTarget(hubUrl, runId)
                : new GatewayTarget(new GatewayTargetOptions { BaseUrl = baseUrl }, runId);
            var reason = await ProbeAsync(chat, TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeout), 1, 300)), cancellationToken);
            Console.WriteLine(reason is null ? $"hub available at {chat.HubUrl}" : $"hub not available at {chat.HubUrl}: {reason}");
            return reason is null ? ExitCodes.Ok : ExitCodes.HubUnavailable;
        });
        return command;
    }

    /// <summary>Null when the hub answered a Subscribe (with a result or a hub error); otherwise why not.</summary>
    public static async Task<string?> ProbeAsync(IChatTarget target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        var metrics = new RunMetrics();
        var workload = new ChatWorkload(target, Topology.Idle(1, 0), new WorkloadOptions { Client = new HubClientOptions { HubUrl = target.HubUrl, ConnectAttempts = 1 } },
            metrics, new SilentReporter());
        await using (workload)
        {
            try
            {
                var identity = await target.SignInAsync(0, cts.Token);
                var client = workload.Fleet.Add(identity);
                await client.ConnectAsync(cts.Token);
                var answer = await client.InvokeAsync("Subscribe", new SubscribeArguments($"room:probe-{Guid.NewGuid():N}", null)).WaitAsync(cts.Token);
                // A hub error (e.g. [room.not_found]) is an answer from a working hub; a dropped connection is not.
                if (answer.Code is { } code && code.StartsWith("client.", StringComparison.Ordinal))
                {
                    return $"{code}: {answer.Error}";
                }

                // The connection must still be up: a placeholder endpoint accepts and then closes.
                return client.IsConnected ? null : $"the connection was closed: {client.LastError}";
            }
            catch (HubConnectException ex)
            {
                return $"{ex.Code}: {ex.Message}";
            }
            catch (OperationCanceledException)
            {
                return $"no answer within {timeout.TotalSeconds:0} s";
            }
            catch (Exception ex) when (ScenarioRunner.IsRunFailure(ex))
            {
                return ex.Message;
            }
        }
    }
}
