using System.CommandLine;

namespace OrleansChat.LoadTest.Cli;

/// <summary>Options the database runs (insert-baseline, write-path) take besides their own: message size and output.</summary>
internal sealed class DatabaseOptions
{
    public Option<int> TextBytes { get; } = new("--text-bytes") { Description = "Message body length", DefaultValueFactory = _ => 100 };

    public Option<string?> Out { get; } = new("--out") { Description = "Write the result as JSON to this file" };

    public Option<bool> NoLive { get; } = new("--no-live") { Description = "Accepted for symmetry with the traffic scenarios (this one has no live display)" };

    /// <summary>Adds the command's own options, then these.</summary>
    public void AddTo(Command command, params Option[] own)
    {
        foreach (var option in own.Concat<Option>([TextBytes, Out, NoLive]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The message body length, checked.</summary>
    /// <exception cref="ArgumentException">Outside 1-4000.</exception>
    public int ReadTextBytes(ParseResult parse)
    {
        var textBytes = parse.GetValue(TextBytes);
        ScenarioRunner.Require(textBytes is >= 1 and <= 4000, "--text-bytes must be between 1 and 4000.");
        return textBytes;
    }
}
