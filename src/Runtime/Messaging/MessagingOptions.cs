namespace OrleansChat.Runtime.Messaging;

/// <summary>Settings of the silo-to-silo and client-to-silo transport. Validated at start-up.</summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section these options bind from.</summary>
    public const string SectionName = "Messaging";

    /// <summary>Identifies the cluster; peers with a different id are refused at the handshake. Required.</summary>
    public string ClusterId { get; set; } = "";

    /// <summary>Largest frame accepted or sent, in bytes (header and body). Default 16 MiB.</summary>
    public int MaxFrameSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Messages that may wait to be written on one connection. When full, sends wait (backpressure)
    /// instead of growing memory. Default 10,000.
    /// </summary>
    public int OutboundQueueCapacity { get; set; } = 10_000;

    /// <summary>Time allowed to open a TCP connection and complete the handshake. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait before the first reconnect attempt after a failed one; doubles per failure. Default 100 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between reconnect attempts. Default 5 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a graceful close waits for the peer to finish its side. Default 5 s.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
