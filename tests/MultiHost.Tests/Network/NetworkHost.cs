using System.Net;

namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>
/// One simulated machine: a network namespace whose eth0 has <see cref="Address"/>, wired to the
/// test's bridge through the veth end <see cref="HostLink"/> in the root namespace.
/// </summary>
internal sealed record NetworkHost(string Role, string Namespace, string HostLink, IPAddress Address)
{
    /// <summary>Unplugs the machine's cable: nothing reaches it and it reaches nothing (PostgreSQL included).</summary>
    public void Cut() => HostCommand.Run("ip", "link", "set", "dev", HostLink, "down");

    /// <summary>Plugs the cable back in.</summary>
    public void Restore() => HostCommand.Run("ip", "link", "set", "dev", HostLink, "up");
}
