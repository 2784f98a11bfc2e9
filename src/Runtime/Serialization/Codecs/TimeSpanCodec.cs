namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="TimeSpan"/> as its ticks, a zig-zag varint (every 64-bit value is a valid TimeSpan).</summary>
internal sealed class TimeSpanCodec : IFieldCodec<TimeSpan>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, TimeSpan value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value.Ticks);
    }

    public TimeSpan ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(TimeSpan));
        return TimeSpan.FromTicks(reader.ReadVarInt64());
    }
}
