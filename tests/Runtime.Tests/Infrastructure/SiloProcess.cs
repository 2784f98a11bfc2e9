using System.Diagnostics;

namespace OrleansChat.Runtime.Tests.Infrastructure;

/// <summary>
/// A real silo process (src/Silo's build output) hosting this test assembly's grains, for tests
/// that kill and terminate silos the way an operator or a crash would.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly System.Text.StringBuilder _output = new();

    private SiloProcess(Process process, string name, int siloPort, int httpPort)
    {
        _process = process;
        Name = name;
        SiloPort = siloPort;
        HttpPort = httpPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public string Name { get; }

    public int SiloPort { get; }

    public int HttpPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<SiloProcess> StartAsync(string connectionString, string clusterId, string name)
    {
        var siloPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [SiloDll()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(SiloDll())!,
        };
        start.Environment["ConnectionStrings__Postgres"] = connectionString;
        start.Environment["Cluster__ClusterId"] = clusterId;
        start.Environment["Cluster__ServiceId"] = clusterId;
        start.Environment["Silo__Name"] = name;
        start.Environment["Silo__Port"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Silo__AdvertisedAddress"] = "127.0.0.1";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Grains__ExtraAssemblies__0"] = typeof(SiloProcess).Assembly.Location;
        start.Environment["Membership__ProbeTimeout"] = "00:00:00.500";
        start.Environment["Membership__TableRefreshTimeout"] = "00:00:00.500";
        start.Environment["Membership__IAmAliveTablePublishTimeout"] = "00:00:02";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the silo process.");
        var silo = new SiloProcess(process, name, siloPort, httpPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Wait.Until(silo.IsReadyAsync, $"silo {name} answered /readyz (output so far: {silo.Output})", TimeSpan.FromSeconds(30));
        return silo;
    }

    /// <summary>Abrupt death: SIGKILL, nothing runs in the process afterwards.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Graceful stop as Kubernetes asks for it: SIGTERM.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed.");
        }
    }

    public Task WaitForExitAsync(TimeSpan timeout) => Wait.For(_process.WaitForExitAsync(), $"silo {Name} to exit", timeout);

    public async Task<int> ActivationCountAsync()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await _http.GetStringAsync("/cluster"));
        return document.RootElement.GetProperty("activations").GetInt32();
    }

    public Task<string> MetricsAsync() => _http.GetStringAsync("/metrics");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _http.Dispose();
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_process.HasExited)
        {
            // Exited is not the end of its output: the redirected streams are read asynchronously,
            // and WaitForExitAsync also waits for them to reach their end.
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"Silo {Name} exited with {_process.ExitCode}: {Output}");
        }

        try
        {
            return (await _http.GetAsync("/readyz")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
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

    private static string SiloDll()
    {
        // tests/Runtime.Tests/bin/<Configuration>/net10.0 -> src/Silo/bin/<Configuration>/net10.0
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDirectory.Parent!.Name;
        var root = testDirectory.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "src", "Silo", "bin", configuration, testDirectory.Name, "OrleansChat.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build src/Silo ({configuration}) first; expected {dll}.");
    }
}
