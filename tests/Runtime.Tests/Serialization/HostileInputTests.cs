using System.Collections.Immutable;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class HostileInputTests
{
    [Fact]
    public void Data_truncated_anywhere_is_a_wire_format_error()
    {
        AssertEveryTruncationFails(new Dictionary<string, List<int>> { ["room"] = [1, 300, -70000], ["ü"] = [] });
        AssertEveryTruncationFails(ImmutableArray.Create(1.5, 2.5));
        AssertEveryTruncationFails((Guid.NewGuid(), 12.5m, "text"));
        AssertEveryTruncationFails(DateTimeOffset.UnixEpoch);
        AssertEveryTruncationFails(new InvalidOperationException("boom", new ArgumentException("inner")));
    }

    [Fact]
    public void A_count_larger_than_the_data_is_refused_before_allocating()
    {
        var list = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(int.MaxValue);
            writer.WriteField(0, 1);
        });
        var error = Assert.Throws<WireFormatException>(() => Serializer.Deserialize<List<int>>(list));
        Assert.Contains("claims", error.Message, StringComparison.Ordinal);
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int[]>(list));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<ImmutableList<int>>(list));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<HashSet<int>>(list));

        var map = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(3);
            writer.WriteField(0, 1);
            writer.WriteField(1, 1);
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Dictionary<int, int>>(map));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<ImmutableDictionary<int, int>>(map));
    }

    [Fact]
    public void A_count_that_disagrees_with_the_elements_present_is_refused()
    {
        var fewer = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(2);
            writer.WriteField(0, 1);
            writer.WriteField(0, 2);
            writer.WriteField(0, 3);
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<List<int>>(fewer));

        var more = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(3);
            writer.WriteField(0, 1);
            writer.WriteField(0, 2);
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<List<int>>(more));
    }

    [Fact]
    public void Malformed_maps_are_refused()
    {
        var duplicate = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(2);
            writer.WriteField(0, "k");
            writer.WriteField(1, 1);
            writer.WriteField(0, "k");
            writer.WriteField(1, 2);
        });
        Assert.Contains("repeats", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Dictionary<string, int>>(duplicate)).Message, StringComparison.Ordinal);

        var nullKey = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(1);
            writer.WriteField<string?>(0, null);
            writer.WriteField(1, 1);
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Dictionary<string, int>>(nullKey));

        var valueWithoutKey = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(1);
            writer.WriteField(1, 1);
            writer.WriteField(1, 1);
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Dictionary<string, int>>(valueWithoutKey));
    }

    [Fact]
    public void A_varint_longer_than_ten_bytes_is_refused()
    {
        var data = Wire.Payload((ref Writer writer) =>
        {
            writer.WriteFieldHeader(0, WireType.VarInt);
            for (var i = 0; i < 11; i++)
            {
                writer.WriteByte(0xFF);
            }

            writer.WriteByte(0x01);
        });

        Assert.Contains("10 bytes", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<long>(data)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_refused()
    {
        Assert.Equal(Reader.MaxDepth, Wire.RoundTrip(Chain.OfLength(Reader.MaxDepth))!.Length);

        var tooDeep = Serializer.Serialize(Chain.OfLength(Reader.MaxDepth + 1));
        var error = Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Chain>(tooDeep));
        Assert.Contains("nested deeper", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void An_unknown_wire_type_is_refused(int wireType)
    {
        var data = new byte[] { Serializer.FormatVersion, (byte)((1 << 3) | wireType), 0 };
        Assert.Contains("Unknown wire type", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>(data)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_format_version_is_refused()
    {
        var data = Serializer.Serialize(1);
        data[0] = Serializer.FormatVersion + 1;
        Assert.Contains("format version", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>(data)).Message, StringComparison.Ordinal);
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>([]));
    }

    [Fact]
    public void A_wrong_wire_type_names_the_expected_type()
    {
        Assert.Contains("Double", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<double>(Serializer.Serialize(1.5f))).Message, StringComparison.Ordinal);
        Assert.Contains("Single", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<float>(Serializer.Serialize(1))).Message, StringComparison.Ordinal);
        Assert.Contains("DateTime", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<DateTime>(Serializer.Serialize(1))).Message, StringComparison.Ordinal);
        Assert.Contains("Guid", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Guid>(Serializer.Serialize(1L))).Message, StringComparison.Ordinal);
        Assert.Contains("Decimal", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<decimal>(Serializer.Serialize(1.0))).Message, StringComparison.Ordinal);
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>(Serializer.Serialize("1")));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<List<int>>(Serializer.Serialize(1)));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>(Serializer.Serialize<int?>(null)));
    }

    [Fact]
    public void Fixed_size_payloads_of_the_wrong_length_are_refused()
    {
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<Guid>(Serializer.Serialize(new byte[15])));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<decimal>(Serializer.Serialize(new byte[17])));
    }

    [Fact]
    public void Values_that_decode_to_nothing_valid_are_refused()
    {
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<bool>(Serializer.Serialize(2u)));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<PrimitiveCodecTests.Tiny>(Serializer.Serialize(128)));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<DateOnly>(Serializer.Serialize((ulong)DateOnly.MaxValue.DayNumber + 1)));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<TimeOnly>(Serializer.Serialize((ulong)TimeOnly.MaxValue.Ticks + 1)));

        // A scale of 29 in the flags word.
        var badDecimal = new byte[16];
        badDecimal[14] = 29;
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<decimal>(Serializer.Serialize(badDecimal)));

        var badDateTime = Wire.Payload((ref Writer writer) =>
        {
            writer.WriteFieldHeader(0, WireType.Fixed64);
            writer.WriteFixed64(0x4000_0000_0000_0000UL | (ulong)(DateTime.MaxValue.Ticks + 1));
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<DateTime>(badDateTime));

        var badOffset = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt64((ulong)DateTime.UtcNow.Ticks);
            writer.WriteVarInt64(15 * 60);
        });
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<DateTimeOffset>(badOffset));
    }

    [Fact]
    public void Invalid_utf8_is_refused()
    {
        var data = Wire.Payload((ref Writer writer) =>
        {
            writer.WriteFieldHeader(0, WireType.LengthPrefixed);
            writer.WriteLengthPrefixed([0x68, 0xC3, 0x28, 0x69]);
        });

        Assert.Contains("UTF-8", Assert.Throws<WireFormatException>(() => Serializer.Deserialize<string>(data)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_prefix_past_the_end_is_refused()
    {
        var data = Wire.Payload((ref Writer writer) =>
        {
            writer.WriteFieldHeader(0, WireType.LengthPrefixed);
            writer.WriteVarUInt32(1_000_000);
            writer.WriteBytes("abc"u8);
        });

        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<string>(data));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<byte[]>(data));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>(data));
    }

    private static void AssertEveryTruncationFails<T>(T value)
    {
        var data = Serializer.Serialize(value);

        // Length 1 is the version byte alone: a payload with no value, which is valid.
        for (var length = 2; length < data.Length; length++)
        {
            var truncated = data[..length];
            var thrown = Record.Exception(() => Serializer.Deserialize<T>(truncated));
            Assert.True(thrown is WireFormatException, $"Truncating {typeof(T).Name} to {length} of {data.Length} bytes gave {thrown?.GetType().Name ?? "no error"}.");
        }
    }
}
