namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="long"/> as a zig-zag varint; also reads fields written as any narrower signed integer.</summary>
internal sealed class Int64Codec : IFieldCodec<long>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, long value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    public long ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(long));
        return reader.ReadVarInt64();
    }
}
