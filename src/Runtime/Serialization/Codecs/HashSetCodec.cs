namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="HashSet{T}"/> in the collection layout. The writer's comparer does not travel: sets are read
/// back with the default comparer, ordinal for strings.
/// </summary>
internal sealed class HashSetCodec<T> : IFieldCodec<HashSet<T>?>
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, HashSet<T>? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        var start = CollectionFormat.BeginWrite(ref writer, fieldId, value.Count);
        var codec = Codec<T>.Instance;
        foreach (var item in value)
        {
            codec.WriteField(ref writer, 0, item);
        }

        writer.EndLengthPrefixed(start);
    }

    public HashSet<T>? ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? null : Read(ref reader, wireType, typeof(HashSet<T>));

    /// <summary>Reads the collection layout into a new set; also the reader behind the set interfaces.</summary>
    internal static HashSet<T> Read(ref Reader reader, WireType wireType, Type type)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, type);
        var body = reader.ReadNested();
        var count = CollectionFormat.ReadCount(ref body, type);
        var set = new HashSet<T>(CollectionFormat.InitialCapacity(count), CollectionFormat.KeyComparer<T>());

        // A repeated element is harmless (a set keeps one), so unlike a repeated map key it is not an error.
        CollectionFormat.ReadElements(ref body, count, set, type);
        return set;
    }
}
