namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Members a room has looked up, including "not a member" answers, bounded in size: a room with
/// 100,000 members keeps only its active ones in memory. All membership writes go through the
/// room's activation, which updates this cache after each; a database read that started before a
/// write finished is not cached (it may be older than the write).
/// </summary>
internal sealed class MemberCache(int capacity)
{
    private readonly Dictionary<string, MemberEntry?> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Changes whenever a write is recorded.</summary>
    public long Generation => _generation;

    public bool TryGet(string userId, out MemberEntry? entry) => _entries.TryGetValue(userId, out entry);

    /// <summary>Caches a database read that started at <paramref name="readGeneration"/>, unless a write happened since.</summary>
    public void AddRead(string userId, MemberEntry? entry, long readGeneration)
    {
        if (readGeneration == _generation)
        {
            Put(userId, entry);
        }
    }

    /// <summary>Records a committed write (null: no longer a member).</summary>
    public void Write(string userId, MemberEntry? entry)
    {
        _generation++;
        Put(userId, entry);
    }

    public void Clear()
    {
        _generation++;
        _entries.Clear();
    }

    private void Put(string userId, MemberEntry? entry)
    {
        if (_entries.Count >= capacity && !_entries.ContainsKey(userId))
        {
            // Rare and cheap to refill; simpler than LRU bookkeeping on every post.
            _entries.Clear();
        }

        _entries[userId] = entry;
    }
}
