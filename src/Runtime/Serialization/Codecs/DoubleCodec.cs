namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="double"/> as its IEEE bits in eight little-endian bytes.</summary>
internal sealed class DoubleCodec : IFieldCodec<double>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, double value)
    {
        writer.WriteFieldHeader(fieldId, WireType.Fixed64);
        writer.WriteFixed64(BitConverter.DoubleToUInt64Bits(value));
    }

    public double ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.Fixed64, typeof(double));
        return BitConverter.UInt64BitsToDouble(reader.ReadFixed64());
    }
}
