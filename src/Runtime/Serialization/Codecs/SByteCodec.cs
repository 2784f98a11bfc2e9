namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="sbyte"/> as a zig-zag varint. Reads any zig-zag varint that fits, so a field can widen
/// between versions (written as a narrower signed type, read as this one).
/// </summary>
internal sealed class SByteCodec : IFieldCodec<sbyte>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, sbyte value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    public sbyte ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(sbyte));
        var value = reader.ReadVarInt64();
        return value is >= sbyte.MinValue and <= sbyte.MaxValue ? (sbyte)value : throw WireErrors.OutOfRange(typeof(sbyte), value);
    }
}
