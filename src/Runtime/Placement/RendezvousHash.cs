using System.Text;

namespace OrleansChat.Runtime.Placement;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: a grain belongs to the silo with the highest
/// score for (grain, silo). Every silo and client computes the same owner from the same list of
/// active silos, with no directory; when a silo joins or leaves, only grains whose top score
/// changes move (about 1/N of them), which is exactly the "only grains whose owner changed move" rule.
/// </summary>
internal static class RendezvousHash
{
    /// <summary>A stable 64-bit hash of a grain id (type and key, separated so "ab"+"c" differs from "a"+"bc").</summary>
    public static ulong HashGrain(GrainId grainId)
    {
        var hash = Fnv1a(14695981039346656037UL, grainId.Type);
        hash = (hash ^ 0xFF) * 1099511628211UL;
        return Fnv1a(hash, grainId.Key);
    }

    /// <summary>A stable 64-bit hash of a silo's identity string.</summary>
    public static ulong HashSilo(string silo) => Mix(Fnv1a(14695981039346656037UL, silo));

    /// <summary>The score of a grain on a silo; the silo with the highest score owns the grain.</summary>
    public static ulong Score(ulong grainHash, ulong siloHash) => Mix(grainHash ^ siloHash);

    private static ulong Fnv1a(ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var bytes = byteCount <= buffer.Length ? buffer[..byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    // SplitMix64's finalizer: FNV alone mixes its last bytes poorly, which would skew ownership.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
