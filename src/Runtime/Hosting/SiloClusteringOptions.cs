using System.Net;

namespace OrleansChat.Runtime.Hosting;

/// <summary>How a silo joins its cluster.</summary>
public sealed class SiloClusteringOptions
{
    /// <summary>Silos and clients with another cluster id never talk to this one.</summary>
    public string ClusterId { get; set; } = "orleanschat";

    /// <summary>A name for logs and the cluster view.</summary>
    public string SiloName { get; set; } = Environment.MachineName;

    /// <summary>The address other silos and clients reach this silo at (an IP literal or host name).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The TCP messaging port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The UDP membership probe port; null means the same number as <see cref="SiloPort"/>.</summary>
    public int? ProbePort { get; set; }

    /// <summary>The local address the messaging port binds to.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Any;

    /// <summary>Start epoch of this incarnation; a restart is a new generation.</summary>
    public long Generation { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>
    /// How long a stopping silo keeps its connections open after announcing ShuttingDown, refusing
    /// new calls so callers re-route, until every client and silo has re-read membership (clients
    /// every 1 s, silos every 2 s by default). Closing sooner could drop a request already on the wire.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Lets membership options (probe timing, votes) be tuned, e.g. by tests.</summary>
    public Action<Membership.MembershipOptions>? ConfigureMembership { get; set; }
}
