using System.Collections.Immutable;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="ImmutableDictionary{TKey, TValue}"/> in the map layout, read back with the default key
/// comparer (ordinal for strings). Shareable when its keys and values are.
/// </summary>
internal sealed class ImmutableDictionaryCodec<TKey, TValue> : IFieldCodec<ImmutableDictionary<TKey, TValue>?>
    where TKey : notnull
{
    private readonly ShallowCopyableCache _shallow = new(static () =>
        Codec<TKey>.Instance.IsShallowCopyable && Codec<TValue>.Instance.IsShallowCopyable);

    public bool IsShallowCopyable => _shallow.Value;

    public void WriteField(ref Writer writer, uint fieldId, ImmutableDictionary<TKey, TValue>? value)
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

    public ImmutableDictionary<TKey, TValue>? ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        var type = typeof(ImmutableDictionary<TKey, TValue>);
        Reader.Expect(wireType, WireType.LengthPrefixed, type);
        var body = reader.ReadNested();
        var count = CollectionFormat.ReadCount(ref body, type, minBytesPerElement: 2);
        var builder = ImmutableDictionary.CreateBuilder<TKey, TValue>(CollectionFormat.KeyComparer<TKey>());
        CollectionFormat.ReadPairs(ref body, count, builder, type);
        return builder.ToImmutable();
    }
}
