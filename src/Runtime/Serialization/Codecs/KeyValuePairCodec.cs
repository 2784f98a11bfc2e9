namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="KeyValuePair{TKey, TValue}"/> as a length-prefixed body with the key as field 0 and the
/// value as field 1, like an object: absent fields read as default, unknown ones are skipped.
/// </summary>
internal sealed class KeyValuePairCodec<TKey, TValue> : IFieldCodec<KeyValuePair<TKey, TValue>>
{
    private readonly ShallowCopyableCache _shallow = new(static () =>
        Codec<TKey>.Instance.IsShallowCopyable && Codec<TValue>.Instance.IsShallowCopyable);

    public bool IsShallowCopyable => _shallow.Value;

    public void WriteField(ref Writer writer, uint fieldId, KeyValuePair<TKey, TValue> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        writer.WriteField(0, value.Key);
        writer.WriteField(1, value.Value);
        writer.EndLengthPrefixed(start);
    }

    public KeyValuePair<TKey, TValue> ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(KeyValuePair<TKey, TValue>));
        var body = reader.ReadNested();
        TKey key = default!;
        TValue value = default!;
        while (body.TryReadFieldHeader(out var id, out var fieldType))
        {
            switch (id)
            {
                case 0:
                    key = body.ReadValue<TKey>(fieldType);
                    break;
                case 1:
                    value = body.ReadValue<TValue>(fieldType);
                    break;
                default:
                    body.SkipField(fieldType);
                    break;
            }
        }

        return new KeyValuePair<TKey, TValue>(key, value);
    }
}
