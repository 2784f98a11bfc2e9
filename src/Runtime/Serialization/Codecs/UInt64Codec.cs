namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="ulong"/> as a plain varint; also reads fields written as any narrower unsigned integer.</summary>
internal sealed class UInt64Codec : IFieldCodec<ulong>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, ulong value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    public ulong ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(ulong));
        return reader.ReadVarUInt64();
    }
}
