using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

/// <summary>Round trips and hand-built payloads for the serialization tests.</summary>
internal static class Wire
{
    public delegate void Build(ref Writer writer);

    public static T RoundTrip<T>(T value, SerializerSession? session = null) =>
        Serializer.Deserialize<T>(Serializer.Serialize(value), session);

    public static void AssertRoundTrips<T>(params T[] values)
    {
        foreach (var value in values)
        {
            Assert.Equal(value, RoundTrip(value));
        }
    }

    /// <summary>The bytes <paramref name="build"/> writes.</summary>
    public static byte[] Bytes(Build build)
    {
        var writer = new Writer(64);
        try
        {
            build(ref writer);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>A top-level payload: the format version, then what <paramref name="fields"/> writes.</summary>
    public static byte[] Payload(Build fields) => Bytes((ref Writer writer) =>
    {
        writer.WriteByte(Serializer.FormatVersion);
        fields(ref writer);
    });

    /// <summary>A top-level payload whose field 0 is a length-prefixed body written by <paramref name="body"/>.</summary>
    public static byte[] Object(Build body) => Payload((ref Writer writer) =>
    {
        writer.WriteFieldHeader(0, WireType.LengthPrefixed);
        var start = writer.BeginLengthPrefixed();
        body(ref writer);
        writer.EndLengthPrefixed(start);
    });
}
