using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OrleansChat.LoadTest.Baseline;
using OrleansChat.LoadTest.Client;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Scenarios;
using OrleansChat.LoadTest.Targets;
using Spectre.Console;

namespace OrleansChat.LoadTest.Cli;

/// <summary>
/// Runs one traffic scenario from the command line: validates the options, sets up the target
/// (a gateway, an external baseline hub, or one hosted in this process), shows progress, writes the
/// JSON result and the final table, and turns the outcome into the exit code.
/// </summary>
internal static class ScenarioRunner
{
    public static async Task<int> RunAsync(
        ParseResult parse,
        CommonOptions common,
        Func<RunContext, CancellationToken, Task<RunResult>> run,
        CancellationToken cancellationToken,
        Func<WorkloadOptions, WorkloadOptions>? adjust = null)
    {
        var scenario = parse.CommandResult.Command.Name;
        WorkloadOptions workload;
        SloPolicy slo;
        Uri url;
        string targetKind;
        try
        {
            var selfHosted = parse.GetValue(common.SelfHostedBaseline);
            targetKind = selfHosted ? "baseline" : parse.GetValue(common.Target)!;
            if (targetKind is not ("gateway" or "baseline"))
            {
                throw new ArgumentException($"--target must be gateway or baseline, got '{targetKind}'.");
            }

            url = TargetUrl.Parse(parse.GetValue(common.Url)!, parse.GetValue(common.AllowRemote));
            slo = new SloPolicy(parse.GetValue(common.SloP99Ms), parse.GetValue(common.SloErrorRate)).Validate();
            workload = BuildWorkload(parse, common, new Uri(url, BaselineHubServer.HubPath));
            workload = adjust?.Invoke(workload) ?? workload;
            Validate(workload);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        var runId = Guid.NewGuid().ToString("N")[..8];
        BaselineHubServer? hosted = null;
        IChatTarget? target = null;
        try
        {
            if (parse.GetValue(common.SelfHostedBaseline))
            {
                hosted = await BaselineHubServer.StartAsync(0, 1000, cancellationToken);
                await Console.Error.WriteLineAsync($"baseline hub hosted in this process at {hosted.HubUrl} (the generator CPU figures include the hub)");
                workload = Retarget(workload, hosted.HubUrl);
                target = new BaselineTarget(hosted.HubUrl, runId);
            }
            else if (targetKind == "baseline")
            {
                target = new BaselineTarget(workload.Client.HubUrl, runId);
            }
            else
            {
                target = new GatewayTarget(new GatewayTargetOptions
                {
                    BaseUrl = url,
                    AccountsFile = parse.GetValue(common.Accounts),
                    RoomOwner = parse.GetValue(common.RoomOwner),
                    SignInConcurrency = workload.SetupConcurrency,
                }, runId);
            }

            var reporter = new ConsoleReporter(live: !parse.GetValue(common.NoLive) && ConsoleReporter.CanRunLive);
            var context = new RunContext(scenario, target, workload, reporter, slo, Parameters(parse));
            var result = await reporter.RunAsync(() => run(context, cancellationToken));
            await PublishAsync(result, parse.GetValue(common.Out), cancellationToken);
            return SloPolicy.ExitCodeFor(result.Slo);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return ExitCodes.RunFailed;
        }
        catch (ArgumentException ex)
        {
            // Option values only checked once the scenario builds its settings.
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (IsRunFailure(ex))
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.RunFailed;
        }
        finally
        {
            if (target is not null)
            {
                await target.DisposeAsync();
            }

            if (hosted is not null)
            {
                await hosted.DisposeAsync();
            }
        }
    }

    /// <summary>Failures of the run itself (as opposed to bugs): reported as one line and exit code 1.</summary>
    public static bool IsRunFailure(Exception ex) =>
        ex is InvalidOperationException or HubConnectException or HttpRequestException or Npgsql.NpgsqlException
            or TimeoutException or IOException or HubInvocationException;

    /// <summary>Every option of the command with its value (given or default), for the result file.</summary>
    public static IReadOnlyDictionary<string, string> Parameters(ParseResult parse)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in parse.CommandResult.Command.Options)
        {
            var given = parse.GetResult(option);
            string? value = given is { Implicit: false }
                ? (given.Tokens.Count == 0 ? "true" : string.Join(' ', given.Tokens.Select(t => t.Value)))
                : option.HasDefaultValue ? Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture) : null;
            if (value is not null && option.Name is not ("--help" or "-h" or "--version"))
            {
                parameters[option.Name.TrimStart('-')] = value;
            }
        }

        parameters["command"] = parse.CommandResult.Command.Name;
        return parameters;
    }

    private static WorkloadOptions BuildWorkload(ParseResult parse, CommonOptions common, Uri hubUrl) => new()
    {
        Client = new HubClientOptions
        {
            HubUrl = hubUrl,
            ReceiveBufferBytes = parse.GetValue(common.ReceiveBuffer),
            Transport = parse.GetValue(common.Transport) switch
            {
                "raw" => WebSocketTransport.Raw,
                "managed" => WebSocketTransport.Managed,
                "clientwebsocket" => WebSocketTransport.ClientWebSocket,
                var other => throw new ArgumentException($"--transport must be raw, managed or clientwebsocket, got '{other}'."),
            },
            ReconnectConcurrency = parse.GetValue(common.ReconnectConcurrency),
        },
        Users = parse.GetValue(common.Users),
        TextBytes = parse.GetValue(common.TextBytes),
        ConnectConcurrency = parse.GetValue(common.ConnectConcurrency),
        SetupConcurrency = parse.GetValue(common.SetupConcurrency),
        MaxInFlightPerClient = parse.GetValue(common.MaxInFlight),
        SendRetries = parse.GetValue(common.SendRetries),
        DrainTimeout = Seconds(parse.GetValue(common.DrainSeconds), "--drain-seconds"),
        SelfDelivery = !parse.GetValue(common.NoSelfDelivery),
        ServerPid = parse.GetValue(common.GatewayPid),
    };

    private static WorkloadOptions Retarget(WorkloadOptions workload, Uri hubUrl) => workload with { Client = workload.Client with { HubUrl = hubUrl } };

    private static void Validate(WorkloadOptions workload)
    {
        Require(workload.Users >= 0, "--users must be 0 or more.");
        Require(workload.TextBytes is >= Measurement.LatencyStamp.MinimumLength and <= 4000, $"--text-bytes must be between {Measurement.LatencyStamp.MinimumLength} and 4000.");
        Require(workload.ConnectConcurrency is >= 1 and <= 10_000, "--connect-concurrency must be between 1 and 10000.");
        Require(workload.SetupConcurrency is >= 1 and <= 1_000, "--setup-concurrency must be between 1 and 1000.");
        Require(workload.MaxInFlightPerClient >= 1, "--max-in-flight must be at least 1.");
        Require(workload.SendRetries is >= 0 and <= 100, "--send-retries must be between 0 and 100.");
        Require(workload.Client.ReceiveBufferBytes is >= 256 and <= 1 << 20, "--receive-buffer must be between 256 and 1048576.");
        Require(workload.Client.ReconnectConcurrency is >= 1 and <= 10_000, "--reconnect-concurrency must be between 1 and 10000.");
        Require(workload.ServerPid is null || File.Exists($"/proc/{workload.ServerPid}/stat"), $"--gateway-pid {workload.ServerPid}: no such process on this machine.");
    }

    /// <summary>
    /// The result of a run against PostgreSQL or a cluster (no hub target): what it measured, with the
    /// command line's parameters except the connection string, which may hold a password.
    /// </summary>
    public static RunResult DatabaseResult(string scenario, string target, string endpoint, DateTimeOffset startedAt, long started, ParseResult parse) => new()
    {
        Scenario = scenario,
        Target = target,
        Endpoint = endpoint,
        StartedAt = startedAt,
        Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds,
        Machine = MachineInfo.Current(),
        Parameters = Parameters(parse).Where(p => p.Key != "postgres").ToDictionary(),
    };

    /// <summary>Writes the JSON result file when asked for, then the final table.</summary>
    public static async Task PublishAsync(RunResult result, string? path, CancellationToken cancellationToken)
    {
        if (path is not null)
        {
            await ResultJson.WriteAsync(result, path, cancellationToken);
            await Console.Error.WriteLineAsync($"result written to {path}");
        }

        FinalTable.Write(result, AnsiConsole.Console);
    }

    /// <summary>A duration option in seconds.</summary>
    /// <exception cref="ArgumentException">Negative, not a number, or above a day.</exception>
    public static TimeSpan Seconds(double value, string name)
    {
        Require(value is >= 0 and <= 86_400, $"{name} must be between 0 and 86400 seconds.");
        return TimeSpan.FromSeconds(value);
    }

    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
