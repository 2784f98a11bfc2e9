using System.Diagnostics;

namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>Runs a short host tool (ip, setpriv, initdb) and returns its output; a failure names the command and its stderr.</summary>
internal static class HostCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string Run(string file, params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(file, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'{Describe(file, arguments)}' exited with {exitCode}: {error.Trim()}");
        }

        return output;
    }

    /// <summary>Runs the command and reports its exit code instead of throwing; cleanup uses it to go on past failures.</summary>
    public static (int ExitCode, string Output, string Error) TryRun(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{file}'.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Describe(file, arguments)}' did not finish within {Limit.TotalSeconds:0} s.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }

    private static string Describe(string file, string[] arguments) => string.Join(' ', [file, .. arguments]);
}
