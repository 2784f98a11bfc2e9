using System.Collections.Immutable;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Placement;

/// <summary>An immutable snapshot of the silos that own grains (the Active silos of one membership view).</summary>
internal sealed class PlacementView
{
    private readonly SiloAddress[] _silos;
    private readonly ulong[] _siloHashes;

    public PlacementView(long version, IEnumerable<SiloAddress> activeSilos)
    {
        Version = version;
        _silos = [.. activeSilos.Distinct().Order()];
        _siloHashes = [.. _silos.Select(s => RendezvousHash.HashSilo(s.ToString()))];
        Silos = [.. _silos];
    }

    public static PlacementView Empty { get; } = new(0, []);

    /// <summary>The membership version this view came from.</summary>
    public long Version { get; }

    public ImmutableArray<SiloAddress> Silos { get; }

    public bool IsEmpty => _silos.Length == 0;

    /// <summary>The owner of <paramref name="grainId"/>, or null when no silo is active.</summary>
    public SiloAddress? Owner(GrainId grainId)
    {
        if (_silos.Length == 0)
        {
            return null;
        }

        var grainHash = RendezvousHash.HashGrain(grainId);
        var best = 0;
        var bestScore = RendezvousHash.Score(grainHash, _siloHashes[0]);
        for (var i = 1; i < _silos.Length; i++)
        {
            var score = RendezvousHash.Score(grainHash, _siloHashes[i]);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        return _silos[best];
    }
}
