using System.Buffers.Binary;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="decimal"/> as 16 length-prefixed bytes: its four 32-bit parts (low, mid, high, flags),
/// little-endian. The scale survives, so 1.0m comes back as 1.0m, not 1m.
/// </summary>
internal sealed class DecimalCodec : IFieldCodec<decimal>
{
    private const int Size = 16;

    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteVarUInt32(Size);
        var target = writer.Advance(Size);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(target[(i * 4)..], parts[i]);
        }
    }

    public decimal ReadValue(ref Reader reader, WireType wireType)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(decimal));
        var bytes = reader.ReadLengthPrefixed();
        if (bytes.Length != Size)
        {
            throw WireErrors.BadLength(typeof(decimal), Size, bytes.Length);
        }

        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            parts[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
        }

        try
        {
            return new decimal(parts);
        }
        catch (ArgumentException e)
        {
            // The flags word carries the sign and a scale of at most 28; anything else is forged.
            throw WireErrors.Invalid(typeof(decimal), e);
        }
    }
}
