using System.Diagnostics;
using OrleansChat.MultiHost.Tests.Network;

namespace OrleansChat.MultiHost.Tests.Nodes;

/// <summary>
/// A process running inside one machine's network namespace (<c>ip netns exec</c> replaces itself
/// with the command, so <see cref="Pid"/> is the command's own). Its output is kept for failure
/// messages; disposing kills it by PID.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int KeptLines = 300;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private NodeProcess(string name, NetworkHost host, Process process)
    {
        Name = name;
        Host = host;
        _process = process;
    }

    public string Name { get; }

    public NetworkHost Host { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Local time at which the process was seen to exit.</summary>
    public DateTime ExitTime => _process.ExitTime;

    /// <summary>The last lines the process wrote (stdout and stderr).</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    public static NodeProcess Start(string name, NetworkHost host, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo("ip", ["netns", "exec", host.Namespace, file, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var node = new NodeProcess(name, host, process);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    public Task WaitForExitAsync(TimeSpan timeout) => Wait.For(_process.WaitForExitAsync(), $"{Name} (pid {Pid}) to exit", timeout);

    /// <summary>Throws with the process's output if it has exited: a node that died cannot become ready.</summary>
    public async Task ThrowIfExitedAsync()
    {
        if (_process.HasExited)
        {
            // The redirected output is read asynchronously: wait for its end before quoting it.
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}. Its output:\n{Output}");
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
