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

    /// <summary>
    /// Limit for one read of the membership table (as the silos' <c>Membership:TableOperationTimeout</c>):
    /// a slower read counts as failed and the last view is kept. The client stops waiting at this
    /// limit even when the database has gone silent, where cancelling the query alone would take the
    /// driver far longer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TableOperationTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
