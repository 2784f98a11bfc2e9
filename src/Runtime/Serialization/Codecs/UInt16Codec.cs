namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="ushort"/> as a plain (not zig-zag) varint. Reads any unsigned varint that fits, so a field can
/// widen between versions (written as a narrower unsigned type, read as this one).
/// </summary>
internal sealed class UInt16Codec : IFieldCodec<ushort>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, ushort value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    public ushort ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(ushort));
        var value = reader.ReadVarUInt64();
        return value <= ushort.MaxValue ? (ushort)value : throw WireErrors.OutOfRange(typeof(ushort), value);
    }
}
