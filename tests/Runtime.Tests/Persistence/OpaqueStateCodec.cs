using System.Text;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Persistence;

/// <summary>Codec for <see cref="OpaqueState"/>: a length-prefixed UTF-8 name.</summary>
internal sealed class OpaqueStateCodec : IFieldCodec<OpaqueState>
{
    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, OpaqueState value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteLengthPrefixed(Encoding.UTF8.GetBytes(value.Name));
    }

    public OpaqueState ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(OpaqueState));
        return new OpaqueState(Encoding.UTF8.GetString(reader.ReadLengthPrefixed()));
    }
}
