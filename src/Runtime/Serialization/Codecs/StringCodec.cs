using System.Text;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="string"/> as length-prefixed UTF-8; null is the <see cref="WireType.Null"/> wire type.
/// Both directions are strict: invalid UTF-8 on the wire is a <see cref="WireFormatException"/>, and a
/// string holding an unpaired surrogate is refused on write rather than silently altered, because
/// either way the value read back would differ from the value written.
/// </summary>
internal sealed class StringCodec : IFieldCodec<string?>
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public bool IsShallowCopyable => true;

    public void WriteField(ref Writer writer, uint fieldId, string? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        int byteCount;
        try
        {
            byteCount = Strict.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException("The string contains an unpaired UTF-16 surrogate and cannot be written as UTF-8 without changing it.", nameof(value), e);
        }

        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)byteCount);
        Strict.GetBytes(value, writer.Advance(byteCount));
    }

    /// <summary>
    /// Writes text that is only diagnostic (exception messages and stack traces): an unpaired surrogate
    /// becomes U+FFFD instead of failing, because losing the whole error over one character is worse.
    /// </summary>
    public static void WriteLenient(ref Writer writer, uint fieldId, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)byteCount);
        Encoding.UTF8.GetBytes(value, writer.Advance(byteCount));
    }

    public string? ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        Reader.Expect(wireType, WireType.LengthPrefixed, typeof(string));
        var bytes = reader.ReadLengthPrefixed();
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new WireFormatException("A string field is not valid UTF-8.", e);
        }
    }
}
