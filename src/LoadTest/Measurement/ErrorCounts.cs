using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrleansChat.LoadTest.Measurement;

/// <summary>Errors by stable code (hub codes such as <c>rate_limited</c>, client ones such as <c>client.timeout</c>).</summary>
internal sealed class ErrorCounts
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);

    public void Add(string code, long count = 1)
    {
        var box = _counts.GetOrAdd(code, static _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, count);
    }

    public long Total => _counts.Values.Sum(b => Volatile.Read(ref b.Value));

    public SortedDictionary<string, long> Snapshot() =>
        new(_counts.ToDictionary(kv => kv.Key, kv => Volatile.Read(ref kv.Value.Value)), StringComparer.Ordinal);
}
