using System.CommandLine;
using OrleansChat.LoadTest.Reporting;

namespace OrleansChat.LoadTest.Cli;

/// <summary>report: render a folder of result files as the chat section of docs/benchmarks.md.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var command = new Command("report", "Render the result files of a benchmark run (fixed names, see benchmarks/run.sh) as Markdown");
        var results = new Option<string>("--results") { Description = "Folder with the result files", Required = true };
        var output = new Option<string?>("--out") { Description = "Markdown file to write (default: standard output)" };
        var reproduce = new Option<string>("--reproduce") { Description = "Command line that reproduces the run", DefaultValueFactory = _ => "benchmarks/run.sh" };
        command.Options.Add(results);
        command.Options.Add(output);
        command.Options.Add(reproduce);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(results)!;
            if (!Directory.Exists(folder))
            {
                await Console.Error.WriteLineAsync($"error: --results {folder} does not exist");
                return ExitCodes.Usage;
            }

            string markdown;
            try
            {
                markdown = MarkdownReport.Render(folder, parse.GetValue(reproduce)!);
            }
            catch (InvalidDataException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return ExitCodes.RunFailed;
            }

            if (parse.GetValue(output) is { } path)
            {
                await File.WriteAllTextAsync(path, markdown, cancellationToken);
            }
            else
            {
                Console.Write(markdown);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
