namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>A pair <c>(T1, T2)</c> as a length-prefixed body with fields 0 and 1, like an object.</summary>
internal sealed class ValueTuple2Codec<T1, T2> : IFieldCodec<ValueTuple<T1, T2>>
{
    private readonly ShallowCopyableCache _shallow = new(static () =>
        Codec<T1>.Instance.IsShallowCopyable && Codec<T2>.Instance.IsShallowCopyable);

    public bool IsShallowCopyable => _shallow.Value;

    public void WriteField(ref Writer writer, uint fieldId, ValueTuple<T1, T2> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        writer.WriteField(0, value.Item1);
        writer.WriteField(1, value.Item2);
        writer.EndLengthPrefixed(start);
    }

    public ValueTuple<T1, T2> ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(ValueTuple<T1, T2>));
        var body = reader.ReadNested();
        var result = default(ValueTuple<T1, T2>);
        while (body.TryReadFieldHeader(out var id, out var fieldType))
        {
            switch (id)
            {
                case 0:
                    result.Item1 = body.ReadValue<T1>(fieldType);
                    break;
                case 1:
                    result.Item2 = body.ReadValue<T2>(fieldType);
                    break;
                default:
                    body.SkipField(fieldType);
                    break;
            }
        }

        return result;
    }
}
