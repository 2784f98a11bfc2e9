using System.Diagnostics;
using System.Globalization;

namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>Ends every process inside one of this test's namespaces: all of them were started by the test.</summary>
internal static class NamespaceCleanup
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    /// <summary>SIGKILLs each process in <paramref name="networkNamespace"/> by PID and waits until none is left. Never throws.</summary>
    public static void KillEverythingIn(string networkNamespace)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Limit)
        {
            var pids = PidsIn(networkNamespace);
            if (pids.Count == 0)
            {
                return;
            }

            foreach (var pid in pids)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Already gone.
                }
            }

            // Killed processes disappear from the namespace once reaped; re-check until then.
            Thread.Sleep(50);
        }
    }

    private static List<int> PidsIn(string networkNamespace)
    {
        var (exitCode, output, _) = HostCommand.TryRun("ip", "netns", "pids", networkNamespace);
        return exitCode != 0
            ? []
            : output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(line => int.Parse(line, CultureInfo.InvariantCulture))
                .ToList();
    }
}
