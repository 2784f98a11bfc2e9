using System.Collections.Frozen;

namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// An immutable snapshot of request-context values. Immutability lets the runtime hand the same
/// snapshot to a callee without copying; a callee's changes make a new snapshot and never flow back.
/// </summary>
public sealed class RequestContextData
{
    private readonly FrozenDictionary<string, string> _values;

    public RequestContextData(IEnumerable<KeyValuePair<string, string>> values)
    {
        _values = values.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _values.Count;

    public IEnumerable<KeyValuePair<string, string>> Values => _values;

    public string? Get(string key) => _values.GetValueOrDefault(key);

    /// <summary>A new snapshot with <paramref name="key"/> set (or removed when <paramref name="value"/> is null); null when empty.</summary>
    public static RequestContextData? With(RequestContextData? current, string key, string? value)
    {
        var copy = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current._values, StringComparer.Ordinal);
        if (value is null)
        {
            copy.Remove(key);
        }
        else
        {
            copy[key] = value;
        }

        return copy.Count == 0 ? null : new RequestContextData(copy);
    }
}
