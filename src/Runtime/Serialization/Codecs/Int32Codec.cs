namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="int"/> as a zig-zag varint. Reads any zig-zag varint that fits, so a field can widen
/// between versions (written as a narrower signed type, read as this one).
/// </summary>
internal sealed class Int32Codec : IFieldCodec<int>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, int value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    public int ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(int));
        var value = reader.ReadVarInt64();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw WireErrors.OutOfRange(typeof(int), value);
    }
}
