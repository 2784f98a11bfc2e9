using System.ComponentModel.DataAnnotations;

namespace OrleansChat.Grains.Hosting;

/// <summary>Identity of the cluster (section "Cluster"). Silos with another cluster id never talk to this one.</summary>
public sealed class ClusterOptions
{
    public const string SectionName = "Cluster";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "ClusterId: 1-64 letters, digits, '_', '.', '-'.")]
    public string ClusterId { get; set; } = "orleanschat";

    /// <summary>Partitions stored grain state; keep it stable across deployments of the same service.</summary>
    [Required(AllowEmptyStrings = false)]
    [RegularExpression("^[A-Za-z0-9_.-]{1,64}$", ErrorMessage = "ServiceId: 1-64 letters, digits, '_', '.', '-'.")]
    public string ServiceId { get; set; } = "orleanschat";
}
