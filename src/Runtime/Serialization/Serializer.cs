namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// Top-level encoding of one value: a format-version byte, then the value as field 0. Used for
/// stored grain state and message bodies; readers refuse versions they do not know.
/// </summary>
public static class Serializer
{
    /// <summary>The format version written first in every top-level payload.</summary>
    public const byte FormatVersion = 1;

    public static byte[] Serialize<T>(T value)
    {
        var writer = new Writer(256);
        try
        {
            writer.WriteByte(FormatVersion);
            writer.WriteField(0, value);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static T Deserialize<T>(ReadOnlySpan<byte> data, SerializerSession? session = null)
    {
        var reader = new Reader(data, session);
        var version = reader.ReadByte();
        if (version != FormatVersion)
        {
            throw new WireFormatException($"Unknown format version {version}; this build reads version {FormatVersion}.");
        }

        var result = default(T)!;
        while (reader.TryReadFieldHeader(out var id, out var wireType))
        {
            if (id == 0)
            {
                result = reader.ReadValue<T>(wireType);
            }
            else
            {
                reader.SkipField(wireType);
            }
        }

        return result;
    }
}
