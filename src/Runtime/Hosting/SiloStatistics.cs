using OrleansChat.Runtime.Activation;

namespace OrleansChat.Runtime.Hosting;

/// <summary>Numbers a silo host reports about itself (for /cluster and operators).</summary>
public sealed class SiloStatistics
{
    private readonly Catalog _catalog;

    internal SiloStatistics(Catalog catalog)
    {
        _catalog = catalog;
    }

    /// <summary>Live activations in this silo.</summary>
    public int ActivationCount => _catalog.Count;

    /// <summary>Live activations per grain type.</summary>
    public IReadOnlyDictionary<string, int> ActivationsByType =>
        _catalog.Activations.GroupBy(a => a.GrainId.Type).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
