namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="TimeOnly"/> as its ticks since midnight, a varint.</summary>
internal sealed class TimeOnlyCodec : IFieldCodec<TimeOnly>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, TimeOnly value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64((ulong)value.Ticks);
    }

    public TimeOnly ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.VarInt, typeof(TimeOnly));
        var ticks = reader.ReadVarUInt64();
        return ticks <= (ulong)TimeOnly.MaxValue.Ticks ? new TimeOnly((long)ticks) : throw WireErrors.OutOfRange(typeof(TimeOnly), ticks);
    }
}
