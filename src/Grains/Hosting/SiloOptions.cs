using System.ComponentModel.DataAnnotations;

namespace OrleansChat.Grains.Hosting;

/// <summary>Settings of one silo process (section "Silo"; environment variables <c>Silo__Name</c> etc.).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>A name for logs and the cluster view; defaults to POD_NAME or the machine name.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Name { get; set; } = Environment.GetEnvironmentVariable("POD_NAME") ?? Environment.MachineName;

    /// <summary>TCP port for silo-to-silo and client-to-silo messaging.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 11111;

    /// <summary>UDP port that answers membership probes; by default the same number as <see cref="Port"/> (UDP and TCP do not clash).</summary>
    [Range(1, 65535)]
    public int? ProbePort { get; set; }

    /// <summary>The address other silos reach this one at; defaults to POD_IP, else 127.0.0.1.</summary>
    [Required(AllowEmptyStrings = false)]
    public string AdvertisedAddress { get; set; } = Environment.GetEnvironmentVariable("POD_IP") ?? "127.0.0.1";

    /// <summary>Graceful-stop budget; Kubernetes' terminationGracePeriodSeconds must be longer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
