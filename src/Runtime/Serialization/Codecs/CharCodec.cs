namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="char"/> as a plain (not zig-zag) varint. Reads any unsigned varint that fits, so a field can
/// widen between versions (written as a narrower unsigned type, read as this one).
/// </summary>
internal sealed class CharCodec : IFieldCodec<char>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, char value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    public char ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(char));
        var value = reader.ReadVarUInt64();
        return value <= char.MaxValue ? (char)value : throw WireErrors.OutOfRange(typeof(char), value);
    }
}
