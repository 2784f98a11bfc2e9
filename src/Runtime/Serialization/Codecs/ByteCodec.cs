namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="byte"/> as a plain (not zig-zag) varint. Reads any unsigned varint that fits, so a field can
/// widen between versions (written as a narrower unsigned type, read as this one).
/// </summary>
internal sealed class ByteCodec : IFieldCodec<byte>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, byte value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    public byte ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(byte));
        var value = reader.ReadVarUInt64();
        return value <= byte.MaxValue ? (byte)value : throw WireErrors.OutOfRange(typeof(byte), value);
    }
}
