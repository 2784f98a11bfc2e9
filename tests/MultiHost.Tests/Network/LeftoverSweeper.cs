using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>
/// Removes what earlier runs left behind when they were killed before their cleanup ran:
/// namespaces, links and scratch directories named with <see cref="TestNetwork.Prefix"/> whose
/// owning process (recorded in the name or the link alias) no longer exists. Live runs' resources
/// are left alone. Best effort: never throws.
/// </summary>
internal static partial class LeftoverSweeper
{
    public static void Sweep()
    {
        SweepNamespaces();
        SweepLinks();
        SweepDirectories();
    }

    private static void SweepNamespaces()
    {
        var (exitCode, output, _) = HostCommand.TryRun("ip", "netns", "list");
        if (exitCode != 0)
        {
            return;
        }

        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ', 2)[0];
            var match = NamespaceName().Match(name);
            if (match.Success && !IsAlive(match.Groups["owner"].Value))
            {
                NamespaceCleanup.KillEverythingIn(name);
                HostCommand.TryRun("ip", "netns", "del", name);
            }
        }
    }

    private static void SweepLinks()
    {
        var (exitCode, output, _) = HostCommand.TryRun("ip", "-j", "link", "show");
        if (exitCode != 0)
        {
            return;
        }

        using var links = JsonDocument.Parse(output);
        foreach (var link in links.RootElement.EnumerateArray())
        {
            var name = link.TryGetProperty("ifname", out var n) ? n.GetString() : null;
            var alias = link.TryGetProperty("ifalias", out var a) ? a.GetString() : null;
            if (name is not null && name.StartsWith(TestNetwork.Prefix, StringComparison.Ordinal)
                && alias is not null && alias.StartsWith(TestNetwork.OwnerAliasPrefix, StringComparison.Ordinal)
                && !IsAlive(alias[TestNetwork.OwnerAliasPrefix.Length..]))
            {
                HostCommand.TryRun("ip", "link", "del", "dev", name);
            }
        }
    }

    private static void SweepDirectories()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), TestNetwork.Prefix + "-*"))
        {
            var match = DirectoryName().Match(Path.GetFileName(directory));
            if (match.Success && !IsAlive(match.Groups["owner"].Value))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static bool IsAlive(string pid) =>
        !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || Directory.Exists($"/proc/{id}");

    [GeneratedRegex("^ocmh-[0-9a-f]{6}-(?<owner>[0-9]+)-[a-z0-9]+$")]
    private static partial Regex NamespaceName();

    [GeneratedRegex("^ocmh-[0-9a-f]{6}-(?<owner>[0-9]+)$")]
    private static partial Regex DirectoryName();
}
