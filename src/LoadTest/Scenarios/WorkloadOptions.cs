using OrleansChat.LoadTest.Client;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>Settings of a chat workload, shared by the scenarios.</summary>
internal sealed record WorkloadOptions
{
    public required HubClientOptions Client { get; init; }

    /// <summary>Distinct users to sign in (0: one per connection); connections share users round-robin. DMs need one per connection.</summary>
    public int Users { get; init; }

    /// <summary>Length of every message text in bytes (the latency stamp plus padding).</summary>
    public int TextBytes { get; init; } = 100;

    /// <summary>WebSocket connections opened at once during set-up.</summary>
    public int ConnectConcurrency { get; init; } = 64;

    /// <summary>Sign-ins, room joins and subscribes in flight at once during set-up.</summary>
    public int SetupConcurrency { get; init; } = 32;

    /// <summary>A client with this many unacknowledged sends is skipped by the pacer (counted as skipped).</summary>
    public int MaxInFlightPerClient { get; init; } = 64;

    /// <summary>How often a failed send is retried with the same client message id (chaos runs retry; others count the failure).</summary>
    public int SendRetries { get; init; }

    /// <summary>How long to wait after sending stops for acknowledgements and deliveries to arrive.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Keep every acknowledged send (for the chaos run's check against the database).</summary>
    public bool KeepLedger { get; init; }

    /// <summary>The server's process id (gateway or baseline hub) on this machine, for its CPU and memory; null when unknown.</summary>
    public int? ServerPid { get; init; }

    /// <summary>Members get <c>MessagePosted</c> for their own messages too (the contract's broadcast to all subscribers).</summary>
    public bool SelfDelivery { get; init; } = true;
}
