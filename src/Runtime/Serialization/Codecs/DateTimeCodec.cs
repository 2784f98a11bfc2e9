namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="DateTime"/> as the eight bytes of <see cref="DateTime.ToBinary"/>, which keeps the <see cref="DateTimeKind"/>.</summary>
internal sealed class DateTimeCodec : IFieldCodec<DateTime>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, DateTime value)
    {
        writer.WriteFieldHeader(fieldId, WireType.Fixed64);
        writer.WriteFixed64(unchecked((ulong)value.ToBinary()));
    }

    public DateTime ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.Fixed64, typeof(DateTime));
        var binary = unchecked((long)reader.ReadFixed64());
        try
        {
            return DateTime.FromBinary(binary);
        }
        catch (ArgumentException e)
        {
            throw WireErrors.Invalid(typeof(DateTime), e);
        }
    }
}
