namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="DateOnly"/> as its day number (days since 0001-01-01), a varint.</summary>
internal sealed class DateOnlyCodec : IFieldCodec<DateOnly>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, DateOnly value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64((ulong)value.DayNumber);
    }

    public DateOnly ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(DateOnly));
        var dayNumber = reader.ReadVarUInt64();
        return dayNumber <= (ulong)DateOnly.MaxValue.DayNumber
            ? DateOnly.FromDayNumber((int)dayNumber)
            : throw WireErrors.OutOfRange(typeof(DateOnly), dayNumber);
    }
}
