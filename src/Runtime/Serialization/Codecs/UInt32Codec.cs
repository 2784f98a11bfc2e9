namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="uint"/> as a plain (not zig-zag) varint. Reads any unsigned varint that fits, so a field can
/// widen between versions (written as a narrower unsigned type, read as this one).
/// </summary>
internal sealed class UInt32Codec : IFieldCodec<uint>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, uint value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    public uint ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(uint));
        var value = reader.ReadVarUInt64();
        return value <= uint.MaxValue ? (uint)value : throw WireErrors.OutOfRange(typeof(uint), value);
    }
}
