namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="IDictionary{TKey, TValue}"/> or <see cref="IReadOnlyDictionary{TKey, TValue}"/> in the map
/// layout; any implementation is written, a <see cref="Dictionary{TKey, TValue}"/> is read back.
/// </summary>
internal sealed class DictionaryInterfaceCodec<TInterface, TKey, TValue> : IFieldCodec<TInterface?>
    where TInterface : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, TInterface? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        if (value is Dictionary<TKey, TValue> dictionary)
        {
            Codec<Dictionary<TKey, TValue>>.Instance.WriteField(ref writer, fieldId, dictionary);
            return;
        }

        IEnumerable<KeyValuePair<TKey, TValue>> pairs = value;
        int count;
        if (value is ICollection<KeyValuePair<TKey, TValue>> collection)
        {
            count = collection.Count;
        }
        else if (value is IReadOnlyCollection<KeyValuePair<TKey, TValue>> readOnly)
        {
            count = readOnly.Count;
        }
        else
        {
            var buffered = value.ToArray();
            pairs = buffered;
            count = buffered.Length;
        }

        var start = CollectionFormat.BeginWrite(ref writer, fieldId, count);
        var keyCodec = Codec<TKey>.Instance;
        var valueCodec = Codec<TValue>.Instance;
        var written = 0;
        foreach (var (key, item) in pairs)
        {
            if (++written > count)
            {
                break;
            }

            keyCodec.WriteField(ref writer, 0, key);
            valueCodec.WriteField(ref writer, 1, item);
        }

        if (written != count)
        {
            throw new InvalidOperationException($"The dictionary reported {count} entries but enumerated {written}; it changed while being serialized.");
        }

        writer.EndLengthPrefixed(start);
    }

    public TInterface? ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? null : (TInterface)(object)DictionaryCodec<TKey, TValue>.Read(ref reader, wireType, typeof(TInterface));
}
