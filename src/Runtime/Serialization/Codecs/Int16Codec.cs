namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="short"/> as a zig-zag varint. Reads any zig-zag varint that fits, so a field can widen
/// between versions (written as a narrower signed type, read as this one).
/// </summary>
internal sealed class Int16Codec : IFieldCodec<short>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, short value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    public short ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(short));
        var value = reader.ReadVarInt64();
        return value is >= short.MinValue and <= short.MaxValue ? (short)value : throw WireErrors.OutOfRange(typeof(short), value);
    }
}
