namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// An immutable snapshot of request-context values. Immutability lets the runtime hand the same
/// snapshot to a callee without copying; a callee's changes make a new snapshot and never flow back.
/// </summary>
/// <remarks>
/// Held as a plain array searched in order: a request context carries a handful of entries, and a
/// snapshot is built for every incoming call that has one, so building must be cheap; a hashed
/// (let alone frozen) dictionary costs far more to build than it saves on a few lookups.
/// </remarks>
public sealed class RequestContextData
{
    private readonly KeyValuePair<string, string>[] _values;

    /// <summary>A snapshot of <paramref name="values"/>; of entries with the same key, the last one counts.</summary>
    public RequestContextData(IEnumerable<KeyValuePair<string, string>> values)
    {
        var pairs = values.ToArray();
        for (var i = 0; i < pairs.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(pairs[i].Key);
            if (IndexOf(pairs, pairs[i].Key, i + 1) >= 0)
            {
                // Rare (a repeated key): keep only the last of each.
                pairs = [.. pairs.Where((pair, index) => IndexOf(pairs, pair.Key, index + 1) < 0)];
                break;
            }
        }

        _values = pairs;
    }

    public int Count => _values.Length;

    public IEnumerable<KeyValuePair<string, string>> Values => _values;

    public string? Get(string key)
    {
        foreach (var pair in _values)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return null;
    }

    /// <summary>A new snapshot with <paramref name="key"/> set (or removed when <paramref name="value"/> is null); null when empty.</summary>
    public static RequestContextData? With(RequestContextData? current, string key, string? value)
    {
        var others = (current?._values ?? []).Where(pair => !string.Equals(pair.Key, key, StringComparison.Ordinal));
        var data = new RequestContextData(value is null ? others : others.Append(new(key, value)));
        return data.Count == 0 ? null : data;
    }

    private static int IndexOf(KeyValuePair<string, string>[] pairs, string key, int start)
    {
        for (var i = start; i < pairs.Length; i++)
        {
            if (string.Equals(pairs[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
