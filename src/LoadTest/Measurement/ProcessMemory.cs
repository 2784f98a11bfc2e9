using System.Globalization;

namespace OrleansChat.LoadTest.Measurement;

/// <summary>Reads a process's resident memory from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS and RssAnon in KiB.</summary>
    /// <exception cref="InvalidOperationException">The process does not exist or its status cannot be read.</exception>
    public static RssSample Read(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot read /proc/{pid}/status: {ex.Message} (is process {pid} running on this machine?)", ex);
        }

        return new RssSample(Field(lines, "VmRSS:", pid), Field(lines, "RssAnon:", pid));
    }

    public static RssSample ReadSelf() => Read(Environment.ProcessId);

    /// <summary>User plus system CPU time of a process so far, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    /// <exception cref="InvalidOperationException">The process does not exist.</exception>
    public static TimeSpan CpuTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Cannot read /proc/{pid}/stat: {ex.Message}", ex);
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>USER_HZ, the unit of /proc times: 100 on every Linux this runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>The command line of a process (arguments joined by spaces), or empty when unreadable.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    private static long Field(string[] lines, string name, int pid)
    {
        foreach (var line in lines)
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                var value = line[name.Length..].Trim();
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                return long.Parse(space < 0 ? value : value[..space], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{pid}/status has no {name} line.");
    }
}
