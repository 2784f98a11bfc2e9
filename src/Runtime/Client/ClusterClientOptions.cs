using System.ComponentModel.DataAnnotations;

namespace OrleansChat.Runtime.Client;

/// <summary>Settings of a cluster client (the gateway).</summary>
public sealed class ClusterClientOptions
{
    [Required(AllowEmptyStrings = false)]
    public string ClusterId { get; set; } = "orleanschat";

    /// <summary>This client's identity in handshakes and observer ids; unique per process.</summary>
    [Required(AllowEmptyStrings = false)]
    public string ClientId { get; set; } = $"client-{Guid.NewGuid():N}";

    /// <summary>How often the membership table is read for the list of active silos.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan TableRefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
