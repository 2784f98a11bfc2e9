using System.Text;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Messaging;

/// <summary>Field helpers shared by the message and handshake headers.</summary>
internal static class HeaderPrimitives
{
    // Strict decoding: a header with invalid UTF-8 is malformed, not something to paper over with U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void WriteString(ref Writer writer, uint fieldId, string value)
    {
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        var byteCount = StrictUtf8.GetByteCount(value);
        writer.WriteVarUInt32((uint)byteCount);
        StrictUtf8.GetBytes(value, writer.Advance(byteCount));
    }

    public static void WriteVarUInt(ref Writer writer, uint fieldId, ulong value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarUInt64(value);
    }

    public static void WriteVarInt(ref Writer writer, uint fieldId, long value)
    {
        writer.WriteFieldHeader(fieldId, WireType.VarInt);
        writer.WriteVarInt64(value);
    }

    public static string ReadString(ref Reader reader, WireType wireType, string field)
    {
        Expect(wireType, WireType.LengthPrefixed, field);
        return StrictUtf8.GetString(reader.ReadLengthPrefixed());
    }

    public static ulong ReadVarUInt(ref Reader reader, WireType wireType, string field)
    {
        Expect(wireType, WireType.VarInt, field);
        return reader.ReadVarUInt64();
    }

    public static uint ReadVarUInt32(ref Reader reader, WireType wireType, string field)
    {
        Expect(wireType, WireType.VarInt, field);
        return reader.ReadVarUInt32();
    }

    public static long ReadVarInt(ref Reader reader, WireType wireType, string field)
    {
        Expect(wireType, WireType.VarInt, field);
        return reader.ReadVarInt64();
    }

    public static void Expect(WireType actual, WireType expected, string field)
    {
        if (actual != expected)
        {
            throw new FrameFormatException($"Header field {field} has wire type {actual}; expected {expected}.");
        }
    }
}
