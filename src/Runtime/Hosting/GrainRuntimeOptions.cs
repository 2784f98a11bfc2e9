using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Settings of the grain runtime; defaults follow Orleans.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Grains";

    /// <summary>Assemblies scanned for grain classes.</summary>
    public IList<Assembly> GrainAssemblies { get; } = [];

    /// <summary>An activation with no request for this long is deactivated (Orleans: 15 min).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for (Orleans: 1 min).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A call with no response by then fails with <see cref="GrainCallTimeoutException"/> (Orleans: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for reading state plus OnActivateAsync (Orleans: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Limit for OnDeactivateAsync (Orleans: 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Most nested calls run inline on the caller's thread when the target activation is idle.
    /// Inline runs skip a thread-pool hop and two allocations; the bound keeps stacks shallow.
    /// 0 turns inline execution off.
    /// </summary>
    [Range(0, 16)]
    public int MaxInlineDepth { get; set; } = 4;

    /// <summary>Turns one activation runs before yielding its thread to others.</summary>
    [Range(1, 10_000)]
    public int TurnsPerSlice { get; set; } = 64;
}
