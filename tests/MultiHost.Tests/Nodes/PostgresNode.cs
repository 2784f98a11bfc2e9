using System.Globalization;
using Npgsql;
using OrleansChat.MultiHost.Tests.Network;

namespace OrleansChat.MultiHost.Tests.Nodes;

/// <summary>
/// A throwaway PostgreSQL server on its own machine, listening only on that machine's address.
/// Binaries are found as tools/postgres.sh finds them; initdb refuses root, so the server runs as
/// the <c>postgres</c> user (setpriv replaces itself with the server, keeping one PID).
/// </summary>
internal sealed class PostgresNode : IDisposable
{
    public const int Port = 46432;

    private readonly NodeProcess _process;

    private PostgresNode(NodeProcess process) => _process = process;

    public NodeProcess Process => _process;

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = _process.Host.Address.ToString(),
        Port = Port,
        Username = "postgres",
        Database = "postgres",
        Timeout = 3,
    }.ConnectionString;

    public static async Task<PostgresNode> StartAsync(NetworkHost host, string clientCidr, string workDirectory)
    {
        var bin = FindBinDirectory();
        var root = Path.Combine(workDirectory, "postgres");
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        HostCommand.Run("chown", "postgres:postgres", workDirectory, root);
        // The temp directory is world-traversable; the caller's working directory may not be.
        HostCommand.Run("setpriv", [.. AsPostgres, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        // Trust the test's private network only: the silos and the gateway connect from it.
        await File.AppendAllTextAsync(Path.Combine(data, "pg_hba.conf"), $"\nhost all all {clientCidr} trust\n");

        var process = NodeProcess.Start("postgres", host, "setpriv",
            [.. AsPostgres, Path.Combine(bin, "postgres"), "-D", data, "-p", Port.ToString(CultureInfo.InvariantCulture),
             "-c", $"listen_addresses={host.Address}", "-c", "unix_socket_directories=", "-c", "fsync=off"],
            new Dictionary<string, string>(), "/");
        var node = new PostgresNode(process);
        try
        {
            await Wait.Until(node.AcceptsConnectionsAsync, $"PostgreSQL accepts connections on {host.Address}:{Port}", TimeSpan.FromSeconds(30));
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();

    private static string[] AsPostgres => ["--reuid=postgres", "--regid=postgres", "--init-groups", "--"];

    private async Task<bool> AcceptsConnectionsAsync()
    {
        await _process.ThrowIfExitedAsync();
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    // $PG_BIN, `pg_config --bindir`, then the newest /usr/lib/postgresql/*/bin: the order tools/postgres.sh uses.
    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        try
        {
            var (exitCode, output, _) = HostCommand.TryRun("pg_config", "--bindir");
            if (exitCode == 0)
            {
                candidates.Add(output.Trim());
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No pg_config on PATH.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0, Bin: Path.Combine(d, "bin")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Bin));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "postgres")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries not found (looked at $PG_BIN, pg_config --bindir, /usr/lib/postgresql/*/bin). " +
                "Install them (Debian: apt-get install -y postgresql) or run ./test.sh, which installs them as root.");
    }
}
