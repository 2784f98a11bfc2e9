namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// The tags of one measurement, as a dictionary key: unique keys sorted by ordinal, original
/// values kept (compared with <see cref="object.Equals(object?, object?)"/>), and a hash that does not
/// depend on tag order, so a span of tags in any order finds its key without allocating.
/// </summary>
internal sealed class TagSet
{
    private readonly KeyValuePair<string, object?>[] _tags;
    private readonly int _hash;

    private TagSet(KeyValuePair<string, object?>[] tags)
    {
        _tags = tags;
        _hash = Hash(tags);
    }

    /// <summary>The tags, unique keys in ordinal order.</summary>
    public ReadOnlySpan<KeyValuePair<string, object?>> Tags => _tags;

    /// <summary>Copies tags into a key; a key given twice keeps its last value.</summary>
    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var unique = new Dictionary<string, object?>(tags.Length, StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            unique[tag.Key] = tag.Value;
        }

        var sorted = unique.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new TagSet(sorted);
    }

    /// <summary>True if the span holds exactly these tags, in any order.</summary>
    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        // Each stored tag may be matched once: a span that repeats a key is not this set.
        Span<bool> matched = tags.Length <= 32 ? stackalloc bool[tags.Length] : new bool[tags.Length];
        foreach (var tag in tags)
        {
            var index = IndexOf(tag.Key);
            if (index < 0 || matched[index] || !Equals(_tags[index].Value, tag.Value))
            {
                return false;
            }

            matched[index] = true;
        }

        return true;
    }

    /// <summary>A hash of tags that is the same for every order of the same tags.</summary>
    public static int Hash(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var tag in tags)
        {
            // Addition commutes, so the order of tags does not matter.
            hash = unchecked(hash + HashCode.Combine(StringComparer.Ordinal.GetHashCode(tag.Key), tag.Value?.GetHashCode() ?? 0));
        }

        return hash;
    }

    public override int GetHashCode() => _hash;

    public override bool Equals(object? obj) => obj is TagSet other && other._hash == _hash && Matches(other._tags);

    private int IndexOf(string key)
    {
        int low = 0, high = _tags.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var comparison = string.CompareOrdinal(_tags[middle].Key, key);
            if (comparison == 0)
            {
                return middle;
            }

            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }
}
