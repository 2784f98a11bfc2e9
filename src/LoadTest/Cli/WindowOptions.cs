using System.CommandLine;

namespace OrleansChat.LoadTest.Cli;

/// <summary>Rate and window options of the fan-out scenarios.</summary>
internal sealed class WindowOptions(double defaultRate, double defaultDuration)
{
    public Option<double> Rate { get; } = new("--rate") { Description = "Messages posted per second, over all senders", DefaultValueFactory = _ => defaultRate };

    public Option<double> Warmup { get; } = new("--warmup") { Description = "Seconds of sending before measuring", DefaultValueFactory = _ => 2 };

    public Option<double> Duration { get; } = new("--duration") { Description = "Measured seconds", DefaultValueFactory = _ => defaultDuration };

    public void AddTo(Command command)
    {
        command.Options.Add(Rate);
        command.Options.Add(Warmup);
        command.Options.Add(Duration);
    }

    public Scenarios.FanOutSettings Settings(ParseResult parse)
    {
        var rate = parse.GetValue(Rate);
        ScenarioRunner.Require(rate is >= 0 and <= 1_000_000, "--rate must be between 0 and 1000000 messages per second.");
        return new Scenarios.FanOutSettings(rate, ScenarioRunner.Seconds(parse.GetValue(Warmup), "--warmup"), ScenarioRunner.Seconds(parse.GetValue(Duration), "--duration"));
    }
}
