namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="bool"/> as the varint 0 or 1; any other number is malformed.</summary>
internal sealed class BoolCodec : IFieldCodec<bool>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, bool value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteByte(value ? (byte)1 : (byte)0);
    }

    public bool ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(bool));
        return reader.ReadVarUInt64() switch
        {
            0 => false,
            1 => true,
            var other => throw WireErrors.OutOfRange(typeof(bool), other),
        };
    }
}
