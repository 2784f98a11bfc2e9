namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="DateTimeOffset"/> as a length-prefixed pair of varints: the clock ticks, then the offset in
/// minutes (zig-zag). Bytes after the pair are ignored, leaving room for a later version to add some.
/// </summary>
internal sealed class DateTimeOffsetCodec : IFieldCodec<DateTimeOffset>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, DateTimeOffset value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        writer.WriteVarUInt64((ulong)value.Ticks);
        writer.WriteVarInt64(value.TotalOffsetMinutes);
        writer.EndLengthPrefixed(start);
    }

    public DateTimeOffset ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(DateTimeOffset));
        var payload = new Reader(reader.ReadLengthPrefixed());
        var ticks = payload.ReadVarUInt64();
        var offsetMinutes = payload.ReadVarInt64();
        if (ticks > (ulong)DateTimeOffset.MaxValue.Ticks || offsetMinutes is < -14 * 60 or > 14 * 60)
        {
            throw new WireFormatException($"The data does not describe a valid DateTimeOffset (ticks {ticks}, offset {offsetMinutes} minutes).");
        }

        try
        {
            return new DateTimeOffset((long)ticks, TimeSpan.FromMinutes(offsetMinutes));
        }
        catch (ArgumentException e)
        {
            // In range separately, but the UTC instant falls outside DateTime's range.
            throw WireErrors.Invalid(typeof(DateTimeOffset), e);
        }
    }
}
