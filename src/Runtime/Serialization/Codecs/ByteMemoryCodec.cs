namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="ReadOnlyMemory{T}"/> of bytes, laid out like <c>byte[]</c> so a field can move between the
/// two; a null <c>byte[]</c> reads as empty memory. Not shareable: the caller may still own and change
/// the array behind the memory.
/// </summary>
internal sealed class ByteMemoryCodec : IFieldCodec<ReadOnlyMemory<byte>>
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, ReadOnlyMemory<byte> value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(value.Span);
    }

    public ReadOnlyMemory<byte> ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(ReadOnlyMemory<byte>));
        return reader.ReadLengthPrefixed().ToArray();
    }
}
