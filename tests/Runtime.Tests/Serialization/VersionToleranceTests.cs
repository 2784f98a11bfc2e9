using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class VersionToleranceTests
{
    [Fact]
    public void A_field_written_as_int_reads_as_long()
    {
        Assert.Equal(42L, Serializer.Deserialize<long>(Serializer.Serialize(42)));
        Assert.Equal((long)int.MinValue, Serializer.Deserialize<long>(Serializer.Serialize(int.MinValue)));
        Assert.Equal(-5, Serializer.Deserialize<int>(Serializer.Serialize((sbyte)-5)));
        Assert.Equal(short.MinValue, Serializer.Deserialize<int>(Serializer.Serialize(short.MinValue)));
        Assert.Equal(uint.MaxValue, Serializer.Deserialize<ulong>(Serializer.Serialize(uint.MaxValue)));
        Assert.Equal(200u, Serializer.Deserialize<uint>(Serializer.Serialize((byte)200)));
    }

    [Fact]
    public void A_narrower_read_accepts_values_that_fit_and_rejects_those_that_do_not()
    {
        Assert.Equal(7, Serializer.Deserialize<int>(Serializer.Serialize(7L)));
        var error = Assert.Throws<WireFormatException>(() => Serializer.Deserialize<int>(Serializer.Serialize(1L + int.MaxValue)));
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<byte>(Serializer.Serialize(256u)));
        Assert.Throws<WireFormatException>(() => Serializer.Deserialize<char>(Serializer.Serialize(0x10000u)));
    }

    [Fact]
    public void Collections_of_int_read_as_collections_of_long()
    {
        Assert.Equal([1L, -2L, int.MaxValue], Serializer.Deserialize<List<long>>(Serializer.Serialize(new List<int> { 1, -2, int.MaxValue })));
        Assert.Equal([3L], Serializer.Deserialize<long[]>(Serializer.Serialize(new[] { 3 })));
    }

    [Fact]
    public void Enums_and_integers_are_interchangeable()
    {
        Assert.Equal(2, Serializer.Deserialize<int>(Serializer.Serialize(DayOfWeek.Tuesday)));
        Assert.Equal(DayOfWeek.Friday, Serializer.Deserialize<DayOfWeek>(Serializer.Serialize(5L)));
    }

    [Fact]
    public void A_field_can_gain_or_lose_nullability()
    {
        Assert.Equal(9, Serializer.Deserialize<int?>(Serializer.Serialize(9)));
        Assert.Equal(9, Serializer.Deserialize<int>(Serializer.Serialize<int?>(9)));
    }

    [Fact]
    public void Unknown_top_level_fields_are_skipped_by_the_serializer()
    {
        var data = Wire.Payload((ref Writer writer) =>
        {
            writer.WriteField(3, "added by a newer version");
            writer.WriteField(7, new List<int> { 1, 2, 3 });
            writer.WriteField(0, 42);
            writer.WriteField(9, 2.5);
            writer.WriteField(11, 1.5f);
            writer.WriteNullField(12);
        });

        Assert.Equal(42, Serializer.Deserialize<int>(data));
    }

    [Fact]
    public void A_reader_that_knows_fewer_fields_skips_the_rest_with_SkipField()
    {
        // Version 2 of a record: fields 0 and 1 existed in version 1; 2 to 6 were added later.
        var data = Wire.Bytes((ref Writer writer) =>
        {
            writer.WriteField(0, "alice");
            writer.WriteField(4, Guid.NewGuid());
            writer.WriteField(2, new Dictionary<string, long> { ["x"] = 1 });
            writer.WriteField(1, 30);
            writer.WriteField(3, 2.5);
            writer.WriteField(5, 1.5f);
            writer.WriteField<string?>(6, null);
        });

        var reader = new Reader(data);
        string? name = null;
        var age = 0;
        var skipped = new List<uint>();
        while (reader.TryReadFieldHeader(out var id, out var wireType))
        {
            switch (id)
            {
                case 0:
                    name = reader.ReadValue<string?>(wireType);
                    break;
                case 1:
                    age = reader.ReadValue<int>(wireType);
                    break;
                default:
                    skipped.Add(id);
                    reader.SkipField(wireType);
                    break;
            }
        }

        Assert.Equal("alice", name);
        Assert.Equal(30, age);
        Assert.Equal([4u, 2u, 3u, 5u, 6u], skipped);
        Assert.True(reader.End);
    }

    [Fact]
    public void Pairs_and_tuples_skip_unknown_fields_and_default_missing_ones()
    {
        var data = Wire.Object((ref Writer writer) =>
        {
            writer.WriteField(5, "ignored");
            writer.WriteField(1, "value");
        });

        Assert.Equal(new KeyValuePair<int, string>(0, "value"), Serializer.Deserialize<KeyValuePair<int, string>>(data));
        Assert.Equal((0, "value"), Serializer.Deserialize<(int, string)>(data));
    }

    [Fact]
    public void Collections_skip_fields_other_than_their_elements()
    {
        var data = Wire.Object((ref Writer writer) =>
        {
            writer.WriteVarUInt32(2);
            writer.WriteField(0, 10);
            writer.WriteField(3, "future metadata");
            writer.WriteField(0, 20);
        });

        Assert.Equal([10, 20], Serializer.Deserialize<List<int>>(data));
    }
}
