using System.CommandLine;

namespace OrleansChat.LoadTest.Cli;

/// <summary>Options every traffic scenario takes: target, sign-in, client engine, objectives, output.</summary>
internal sealed class CommonOptions
{
    public Option<string> Url { get; } = new("--url")
    {
        Description = "Gateway (or baseline hub) base URL; the hub is at /hubs/chat",
        DefaultValueFactory = _ => "http://127.0.0.1:5000",
    };

    public Option<string> Target { get; } = new("--target")
    {
        Description = "gateway: sign in through /api/auth and create rooms through /api/rooms; baseline: the tool's bare hub (baseline-hub)",
        DefaultValueFactory = _ => "gateway",
    };

    public Option<bool> SelfHostedBaseline { get; } = new("--self-hosted-baseline")
    {
        Description = "Start the bare baseline hub inside this process on 127.0.0.1:0 and aim at it (quick tries; benchmarks run it as its own process)",
    };

    public Option<bool> AllowRemote { get; } = new("--allow-remote") { Description = "Allow a --url that is not this machine" };

    public Option<int> Users { get; } = new("--users") { Description = "Distinct users to sign in (0: one per connection); connections share them round-robin" };

    public Option<string?> Accounts { get; } = new("--accounts") { Description = "File of pre-created accounts (username:password per line) to log in with instead of guests" };

    public Option<string?> RoomOwner { get; } = new("--room-owner") { Description = "Registered account (username:password) that creates rooms; a fresh one is signed up when absent" };

    public Option<int> TextBytes { get; } = new("--text-bytes") { Description = "Length of each message text", DefaultValueFactory = _ => 100 };

    public Option<int> ConnectConcurrency { get; } = new("--connect-concurrency") { Description = "Connections opened at once", DefaultValueFactory = _ => 64 };

    public Option<int> SetupConcurrency { get; } = new("--setup-concurrency") { Description = "Sign-ins, joins and subscribes in flight at once", DefaultValueFactory = _ => 32 };

    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "Unacknowledged sends per client before the pacer skips it", DefaultValueFactory = _ => 64 };

    public Option<int> SendRetries { get; } = new("--send-retries") { Description = "Retries of a failed send with the same client message id" };

    public Option<double> DrainSeconds { get; } = new("--drain-seconds") { Description = "Longest wait after sending for acks and deliveries", DefaultValueFactory = _ => 15 };

    public Option<string> Transport { get; } = new("--transport")
    {
        Description = "raw: own upgrade and WebSocket framing on the socket (leanest); managed: own upgrade, framework WebSocket over the socket stream; clientwebsocket: System.Net.WebSockets.ClientWebSocket",
        DefaultValueFactory = _ => "raw",
    };

    public Option<int> ReceiveBuffer { get; } = new("--receive-buffer") { Description = "Bytes per WebSocket read per connection", DefaultValueFactory = _ => 4096 };

    public Option<int> ReconnectConcurrency { get; } = new("--reconnect-concurrency") { Description = "Reconnects in flight at once", DefaultValueFactory = _ => 100 };

    public Option<bool> NoSelfDelivery { get; } = new("--no-self-delivery") { Description = "The hub does not echo a sender's own messages: count the ack as its delivery" };

    public Option<int?> GatewayPid { get; } = new("--gateway-pid")
    {
        Description = "PID of the gateway (or baseline hub) on this machine: its CPU per delivery and resident memory (/proc/<pid>) go into the results",
    };

    public Option<double?> SloP99Ms { get; } = new("--slo-p99-ms") { Description = "Exit 3 when the delivery p99 exceeds this many milliseconds" };

    public Option<double?> SloErrorRate { get; } = new("--slo-error-rate") { Description = "Exit 3 when failed operations / all operations exceeds this fraction (0.001 = 0.1 %)" };

    public Option<string?> Out { get; } = new("--out") { Description = "Write the result as JSON to this file" };

    public Option<bool> NoLive { get; } = new("--no-live") { Description = "Plain progress lines instead of the live display" };

    public void AddTo(Command command)
    {
        foreach (var option in All())
        {
            command.Options.Add(option);
        }
    }

    private IEnumerable<Option> All() =>
    [
        Url, Target, SelfHostedBaseline, AllowRemote, Users, Accounts, RoomOwner, TextBytes, ConnectConcurrency, SetupConcurrency,
        MaxInFlight, SendRetries, DrainSeconds, Transport, ReceiveBuffer, ReconnectConcurrency, NoSelfDelivery, GatewayPid, SloP99Ms, SloErrorRate, Out, NoLive,
    ];
}
