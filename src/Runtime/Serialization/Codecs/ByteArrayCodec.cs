namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><c>byte[]</c> as its length-prefixed bytes; null is the <see cref="WireType.Null"/> wire type. Arrays are mutable, so copies never share them.</summary>
internal sealed class ByteArrayCodec : IFieldCodec<byte[]?>
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, byte[]? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(value);
    }

    public byte[]? ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(byte[]));
        return reader.ReadLengthPrefixed().ToArray();
    }
}
