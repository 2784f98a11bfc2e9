namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="float"/> as its IEEE bits in four little-endian bytes (NaN payloads and -0 survive).</summary>
internal sealed class SingleCodec : IFieldCodec<float>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, float value)
    {
        writer.WriteFieldHeader(fieldId, WireType.Fixed32);
        writer.WriteFixed32(BitConverter.SingleToUInt32Bits(value));
    }

    public float ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.Fixed32, typeof(float));
        return BitConverter.UInt32BitsToSingle(reader.ReadFixed32());
    }
}
