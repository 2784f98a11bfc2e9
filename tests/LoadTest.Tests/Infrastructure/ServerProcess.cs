using System.Diagnostics;
using System.Text;

namespace OrleansChat.LoadTest.Tests.Infrastructure;

/// <summary>
/// A real server process of this repository (a silo or the gateway, from its build output), with
/// its output kept for failure messages. Killed when disposed.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                // The end says why a server stopped; the start is configuration noise.
                return _output.Length <= 4000 ? _output.ToString() : _output.ToString(_output.Length - 4000, 4000);
            }
        }
    }

    /// <summary>Starts <c>src/&lt;project&gt;/bin/&lt;configuration&gt;/net10.0/&lt;dll&gt;</c> from its own folder (so it finds its appsettings).</summary>
    public static ServerProcess Start(string name, string project, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var path = BuildOutput(project, dll);
        var start = new ProcessStartInfo("dotnet", [path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(path)!,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        var server = new ServerProcess(process, name);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until <paramref name="url"/> answers with a success status; fails at once if the process exits.</summary>
    public async Task WaitUntilAnswersAsync(HttpClient http, string url, TimeSpan timeout)
    {
        await Wait.Until(
            async () =>
            {
                if (_process.HasExited)
                {
                    // The redirected output is read asynchronously: wait for its end before quoting it.
                    await _process.WaitForExitAsync();
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}: {Output}");
                }

                try
                {
                    using var response = await http.GetAsync(url);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            },
            $"{Name} to answer {url}",
            timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static string BuildOutput(string project, string dll)
    {
        // tests/LoadTest.Tests/bin/<Configuration>/net10.0 -> src/<project>/bin/<Configuration>/net10.0
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDirectory.Parent!.Name;
        var root = testDirectory.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", project, "bin", configuration, testDirectory.Name, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build src/{project} ({configuration}) first; expected {path}.");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
