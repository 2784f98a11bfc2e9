using System.Diagnostics;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// A PostgreSQL server of the test's own (initdb + pg_ctl on a free port, or
/// ORLEANSCHAT_TEST_POSTGRES_SPARE_PORT), which the test can stop and start to make the
/// membership table unreachable for real. Needs the PostgreSQL 15 server binaries (every
/// machine of this project has them; ORLEANSCHAT_PG_BIN overrides the directory); when run as
/// root the server runs as the postgres user, since initdb refuses root.
/// </summary>
public sealed class ThrowawayPostgresServer : IAsyncLifetime
{
    private readonly string _binDirectory = Environment.GetEnvironmentVariable("ORLEANSCHAT_PG_BIN") ?? "/usr/lib/postgresql/15/bin";
    private string _root = "";

    // A free port rather than a fixed one: another server (a developer's, a parallel run) may hold any fixed number.
    public int Port { get; } = int.TryParse(Environment.GetEnvironmentVariable("ORLEANSCHAT_TEST_POSTGRES_SPARE_PORT"), out var port) ? port : FreePort.Next();

    /// <summary>Short timeouts so attempts against a stopped server fail fast.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Timeout=2;Command Timeout=5";

    private string DataDirectory => Path.Combine(_root, "data");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Path.Combine(_binDirectory, "initdb")))
        {
            throw new InvalidOperationException($"The table-outage test starts its own PostgreSQL server and needs initdb and pg_ctl in {_binDirectory} (set ORLEANSCHAT_PG_BIN to their directory).");
        }

        _root = Directory.CreateTempSubdirectory("membership-outage-pg.").FullName;
        if (IsRoot)
        {
            await RunAsync("chown", "postgres:postgres", _root);
        }

        await RunPostgresToolAsync("initdb", "-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8");
        await StartAsync();
    }

    public Task StartAsync() => RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_root, "log"), "-w",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root}", "start");

    /// <summary>Stops the server abruptly, as a crash or a network cut would look to clients.</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");

    public async Task DisposeAsync()
    {
        if (_root.Length == 0)
        {
            return;
        }

        try
        {
            await RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_root, recursive: true);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunPostgresToolAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        // Run from / so the postgres user can always read the working directory.
        return IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments]) : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
