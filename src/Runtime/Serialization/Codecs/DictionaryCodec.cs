namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="Dictionary{TKey, TValue}"/> in the map layout (key as field 0, its value as field 1). The
/// writer's comparer does not travel: maps are read back with the default comparer, and with
/// <see cref="StringComparer.Ordinal"/> for string keys.
/// </summary>
internal sealed class DictionaryCodec<TKey, TValue> : IFieldCodec<Dictionary<TKey, TValue>?>
    where TKey : notnull
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, Dictionary<TKey, TValue>? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        var start = CollectionFormat.BeginWrite(ref writer, fieldId, value.Count);
        var keyCodec = Codec<TKey>.Instance;
        var valueCodec = Codec<TValue>.Instance;
        foreach (var (key, item) in value)
        {
            keyCodec.WriteField(ref writer, 0, key);
            valueCodec.WriteField(ref writer, 1, item);
        }

        writer.EndLengthPrefixed(start);
    }

    public Dictionary<TKey, TValue>? ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? null : Read(ref reader, wireType, typeof(Dictionary<TKey, TValue>));

    /// <summary>Reads the map layout into a new dictionary; also the reader behind the dictionary interfaces.</summary>
    internal static Dictionary<TKey, TValue> Read(ref Reader reader, WireType wireType, Type type)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, type);
        var body = reader.ReadNested();
        var count = CollectionFormat.ReadCount(ref body, type, minBytesPerElement: 2);
        var dictionary = new Dictionary<TKey, TValue>(CollectionFormat.InitialCapacity(count), CollectionFormat.KeyComparer<TKey>());
        CollectionFormat.ReadPairs(ref body, count, dictionary, type);
        return dictionary;
    }
}
