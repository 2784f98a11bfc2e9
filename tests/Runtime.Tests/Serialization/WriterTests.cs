using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class WriterTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(127, 1)]
    [InlineData(128, 2)]
    [InlineData(16_383, 2)]
    [InlineData(16_384, 3)]
    [InlineData(300_000, 3)]
    public void A_length_prefix_grows_to_fit_its_payload_and_the_payload_moves_intact(int payloadLength, int prefixLength)
    {
        var payload = Enumerable.Range(0, payloadLength).Select(i => (byte)(i * 7)).ToArray();

        var data = Wire.Bytes((ref Writer writer) =>
        {
            writer.WriteByte(0xAA);
            var start = writer.BeginLengthPrefixed();
            writer.WriteBytes(payload);
            writer.EndLengthPrefixed(start);
            writer.WriteByte(0xBB);
        });

        Assert.Equal(1 + prefixLength + payloadLength + 1, data.Length);
        Assert.Equal(0xAA, data[0]);
        Assert.Equal(0xBB, data[^1]);
        var reader = new Reader(data.AsSpan(1));
        Assert.Equal(payload, reader.ReadLengthPrefixed().ToArray());
        Assert.Equal(0xBB, reader.ReadByte());
    }

    [Fact]
    public void Collections_of_large_strings_round_trip_through_nested_length_prefixes()
    {
        var medium = new string('m', 200);
        var large = string.Concat(Enumerable.Repeat("ü€😀", 3000));
        var nested = new List<List<string>> { new() { medium, large }, new() { "short" }, new() { large, large } };

        var data = Serializer.Serialize(nested);

        Assert.Equal(nested, Serializer.Deserialize<List<List<string>>>(data));
    }

    [Fact]
    public void A_list_holding_one_200_byte_string_has_a_two_byte_length_prefix()
    {
        // version, header, 2-byte list length, count, element header, 2-byte string length, 200 bytes.
        Assert.Equal(1 + 1 + 2 + 1 + 1 + 2 + 200, Serializer.Serialize(new List<string> { new('a', 200) }).Length);

        // The same with 20,000 bytes: both length prefixes take three bytes.
        Assert.Equal(1 + 1 + 3 + 1 + 1 + 3 + 20_000, Serializer.Serialize(new List<string> { new('a', 20_000) }).Length);
    }
}
