namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="Guid"/> as 16 length-prefixed bytes (the layout of <see cref="Guid.TryWriteBytes(Span{byte})"/>).</summary>
internal sealed class GuidCodec : IFieldCodec<Guid>
{
    private const int Size = 16;

    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, Guid value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteVarUInt32(Size);
        value.TryWriteBytes(writer.Advance(Size));
    }

    public Guid ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(Guid));
        var bytes = reader.ReadLengthPrefixed();
        return bytes.Length == Size ? new Guid(bytes) : throw WireErrors.BadLength(typeof(Guid), Size, bytes.Length);
    }
}
