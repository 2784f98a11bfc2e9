using System.CommandLine;
using OrleansChat.LoadTest.Persistence;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Cli;

/// <summary>hot-room, small-rooms, dm-storm, churn and chaos: members, senders and a send rate.</summary>
internal static class FanOutCommands
{
    public static Command HotRoom(CommonOptions common)
    {
        var command = new Command("hot-room", "One room with thousands of members; a few of them post, every member receives every message");
        var members = IntOption("--members", "Members of the room", 2000);
        var senders = IntOption("--senders", "Members who post", 50);
        var window = new WindowOptions(defaultRate: 25, defaultDuration: 10);
        command.Options.Add(members);
        command.Options.Add(senders);
        window.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common,
            (context, ct) => FanOutScenario.RunAsync(context, Topology.HotRoom(Positive(parse, members), Positive(parse, senders)), window.Settings(parse), ct), token));
        return command;
    }

    public static Command SmallRooms(CommonOptions common) => Rooms(common, "small-rooms",
        "Many small rooms, each with a few posting members", rooms: 200, membersPerRoom: 10, sendersPerRoom: 2, rate: 200);

    public static Command Churn(CommonOptions common)
    {
        var churn = new Option<double>("--churn-rate") { Description = "Moves per second: a non-posting member leaves its room and joins another (or the same) one", DefaultValueFactory = _ => 20 };
        return Rooms(common, "churn", "Small rooms under load while members leave and join", rooms: 50, membersPerRoom: 20, sendersPerRoom: 2, rate: 100,
            extra: churn, adjust: (parse, settings) =>
            {
                var value = parse.GetValue(churn);
                ScenarioRunner.Require(value is > 0 and <= 10_000, "--churn-rate must be between 0 and 10000 per second.");
                return settings with { ChurnPerSecond = value };
            });
    }

    public static Command DmStorm(CommonOptions common)
    {
        var command = new Command("dm-storm", "Many direct-message threads between distinct pairs; both sides post");
        var pairs = IntOption("--pairs", "Pairs of users (two connections each)", 500);
        var window = new WindowOptions(defaultRate: 500, defaultDuration: 10);
        command.Options.Add(pairs);
        window.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common,
            (context, ct) => FanOutScenario.RunAsync(context, Topology.DirectPairs(Positive(parse, pairs)), window.Settings(parse), ct), token));
        return command;
    }

    public static Command Chaos(CommonOptions common)
    {
        var pid = new Option<int>("--kill-silo-pid") { Description = "PID of a silo (from ./run.sh) to SIGKILL mid-run", Required = true };
        var after = new Option<double>("--kill-after") { Description = "Seconds into the measured window", DefaultValueFactory = _ => 5 };
        var force = new Option<bool>("--force-kill") { Description = "Kill even if the process does not look like an OrleansChat silo" };
        var postgres = new Option<string?>("--postgres") { Description = "The cluster's PostgreSQL (Npgsql connection string), to check every acknowledged message is stored exactly once" };
        var table = new Option<string>("--message-table") { Description = "Message table", DefaultValueFactory = _ => new MessageTableOptions().Table };
        var columns = new Option<string?>("--message-columns") { Description = "Columns conversation,sender,client_message_id,seq (default conversation_id,sender_id,client_message_id,seq)" };
        var noSender = new Option<bool>("--no-sender-match") { Description = "Match stored messages by conversation and client message id only" };
        Option[] extras = [pid, after, force, postgres, table, columns, noSender];
        return Rooms(common, "chaos", "Small rooms under load; a silo is killed mid-run, then acknowledged messages are checked in PostgreSQL",
            rooms: 100, membersPerRoom: 5, sendersPerRoom: 2, rate: 200, extras: extras,
            adjust: (parse, settings) =>
            {
                var tableOptions = new MessageTableOptions { Table = parse.GetValue(table)!, MatchSender = !parse.GetValue(noSender) };
                if (parse.GetValue(columns) is { } names)
                {
                    tableOptions = tableOptions.WithColumns(names);
                }

                _ = new StoredMessageQuery(tableOptions);
                return settings with
                {
                    Chaos = new ChaosSettings(parse.GetValue(pid), ScenarioRunner.Seconds(parse.GetValue(after), "--kill-after"),
                        parse.GetValue(force), parse.GetValue(postgres), tableOptions),
                };
            },
            adjustWorkload: (parse, workload) => workload with
            {
                // A send that failed because its silo died is retried with the same id, as a real client would.
                SendRetries = parse.GetResult(common.SendRetries) is { Implicit: false } ? workload.SendRetries : 5,
                DrainTimeout = workload.DrainTimeout < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : workload.DrainTimeout,
                KeepLedger = true,
            });
    }

    private static Command Rooms(CommonOptions common, string name, string description, int rooms, int membersPerRoom, int sendersPerRoom, double rate,
        Option? extra = null, Option[]? extras = null, Func<ParseResult, FanOutSettings, FanOutSettings>? adjust = null,
        Func<ParseResult, WorkloadOptions, WorkloadOptions>? adjustWorkload = null)
    {
        var command = new Command(name, description);
        var roomCount = IntOption("--rooms", "Rooms", rooms);
        var members = IntOption("--members-per-room", "Members of each room", membersPerRoom);
        var senders = IntOption("--senders-per-room", "Members of each room who post", sendersPerRoom);
        var window = new WindowOptions(rate, defaultDuration: 10);
        command.Options.Add(roomCount);
        command.Options.Add(members);
        command.Options.Add(senders);
        foreach (var option in extras ?? (extra is null ? [] : [extra]))
        {
            command.Options.Add(option);
        }

        window.AddTo(command);
        common.AddTo(command);
        command.SetAction((parse, token) => ScenarioRunner.RunAsync(parse, common,
            (context, ct) =>
            {
                var settings = window.Settings(parse);
                settings = adjust?.Invoke(parse, settings) ?? settings;
                var topology = Topology.SmallRooms(Positive(parse, roomCount), Positive(parse, members), Positive(parse, senders));
                return FanOutScenario.RunAsync(context, topology, settings, ct);
            },
            token,
            adjustWorkload is null ? null : workload => adjustWorkload(parse, workload)));
        return command;
    }

    internal static Option<int> IntOption(string name, string description, int defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    internal static int Positive(ParseResult parse, Option<int> option)
    {
        var value = parse.GetValue(option);
        ScenarioRunner.Require(value is >= 1 and <= 1_000_000, $"{option.Name} must be between 1 and 1000000.");
        return value;
    }
}
