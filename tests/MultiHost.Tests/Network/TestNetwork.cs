using System.Globalization;
using System.Net;

namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>
/// A private /24 on a Linux bridge, with one network namespace per simulated machine. The root
/// namespace (the test process) holds the bridge's address, so the test reaches every machine.
/// Every name starts with <see cref="Prefix"/> and carries a random run id plus the owning
/// process id, so parallel runs never collide and <see cref="LeftoverSweeper"/> can remove what a
/// killed run left behind. <see cref="Dispose"/> removes everything, also after a failure.
/// </summary>
internal sealed class TestNetwork : IDisposable
{
    /// <summary>Start of every namespace, link and directory name this test creates.</summary>
    public const string Prefix = "ocmh";

    /// <summary>Alias written on every link, naming the process that owns it.</summary>
    public const string OwnerAliasPrefix = "orleanschat-multihost owner=";

    private readonly List<NetworkHost> _hosts = [];
    private readonly string _runId;
    private readonly byte[] _subnet;
    private bool _bridgeCreated;

    private TestNetwork(string runId, byte[] subnet)
    {
        _runId = runId;
        _subnet = subnet;
        Owner = Environment.ProcessId;
    }

    /// <summary>The test process's address on the bridge.</summary>
    public IPAddress HostAddress => AddressAt(1);

    /// <summary>The network in CIDR notation, e.g. 10.213.7.0/24.</summary>
    public string Cidr => $"{_subnet[0]}.{_subnet[1]}.{_subnet[2]}.0/24";

    public int Owner { get; }

    public string BridgeName => Prefix + _runId + "br";

    /// <summary>Scratch directory of this run (PostgreSQL's data), removed with the network.</summary>
    public string WorkDirectory => Path.Combine(Path.GetTempPath(), $"{Prefix}-{_runId}-{Owner}");

    public IReadOnlyList<NetworkHost> Hosts => _hosts;

    /// <summary>Creates the bridge on a free private /24.</summary>
    public static TestNetwork Create()
    {
        var network = new TestNetwork(Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]), SubnetChooser.Choose());
        try
        {
            network.CreateBridge();
            Directory.CreateDirectory(network.WorkDirectory);
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Adds a machine named <paramref name="role"/> (2-3 lower-case letters or digits) with the next free address.</summary>
    public NetworkHost AddHost(string role)
    {
        var host = new NetworkHost(role, $"{Prefix}-{_runId}-{Owner}-{role}", Prefix + _runId + role, AddressAt(_hosts.Count + 2));
        // Registered before creation so that Dispose removes a half-made host too.
        _hosts.Add(host);
        HostCommand.Run("ip", "netns", "add", host.Namespace);
        HostCommand.Run("ip", "link", "add", host.HostLink, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
        HostCommand.Run("ip", "link", "set", "dev", host.HostLink, "alias", OwnerAliasPrefix + Owner.ToString(CultureInfo.InvariantCulture));
        HostCommand.Run("ip", "link", "set", "dev", host.HostLink, "master", BridgeName, "up");
        HostCommand.Run("ip", "-n", host.Namespace, "addr", "add", $"{host.Address}/24", "dev", "eth0");
        HostCommand.Run("ip", "-n", host.Namespace, "link", "set", "dev", "eth0", "up");
        // Traffic to the machine's own address goes through lo, which a new namespace has down.
        HostCommand.Run("ip", "-n", host.Namespace, "link", "set", "dev", "lo", "up");
        return host;
    }

    /// <summary>Kills whatever still runs in the namespaces, then removes links, namespaces, bridge and scratch files. Never throws.</summary>
    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            NamespaceCleanup.KillEverythingIn(host.Namespace);
            HostCommand.TryRun("ip", "link", "del", "dev", host.HostLink);
            HostCommand.TryRun("ip", "netns", "del", host.Namespace);
        }

        if (_bridgeCreated)
        {
            HostCommand.TryRun("ip", "link", "del", "dev", BridgeName);
        }

        try
        {
            if (Directory.Exists(WorkDirectory))
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
        }
        catch (IOException)
        {
            // The sweep of a later run removes it.
        }
    }

    private void CreateBridge()
    {
        HostCommand.Run("ip", "link", "add", "name", BridgeName, "type", "bridge");
        _bridgeCreated = true;
        HostCommand.Run("ip", "link", "set", "dev", BridgeName, "alias", OwnerAliasPrefix + Owner.ToString(CultureInfo.InvariantCulture));
        HostCommand.Run("ip", "addr", "add", $"{HostAddress}/24", "dev", BridgeName);
        HostCommand.Run("ip", "link", "set", "dev", BridgeName, "up");
    }

    private IPAddress AddressAt(int last) => new([_subnet[0], _subnet[1], _subnet[2], (byte)last]);
}
