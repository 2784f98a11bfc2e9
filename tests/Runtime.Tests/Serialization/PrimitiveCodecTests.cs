using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class PrimitiveCodecTests
{
    [Fact]
    public void Integers_round_trip_including_their_extremes()
    {
        Wire.AssertRoundTrips(true, false);
        Wire.AssertRoundTrips(byte.MinValue, (byte)1, byte.MaxValue);
        Wire.AssertRoundTrips(sbyte.MinValue, (sbyte)-1, (sbyte)0, sbyte.MaxValue);
        Wire.AssertRoundTrips(short.MinValue, (short)-300, (short)0, short.MaxValue);
        Wire.AssertRoundTrips(ushort.MinValue, (ushort)300, ushort.MaxValue);
        Wire.AssertRoundTrips(int.MinValue, -1, 0, 1, 63, 64, int.MaxValue);
        Wire.AssertRoundTrips(uint.MinValue, 128u, uint.MaxValue);
        Wire.AssertRoundTrips(long.MinValue, -1L, 0L, long.MaxValue);
        Wire.AssertRoundTrips(ulong.MinValue, 1UL << 63, ulong.MaxValue);
        Wire.AssertRoundTrips(char.MinValue, 'a', 'é', '\uD83D', char.MaxValue);
    }

    [Fact]
    public void Small_signed_numbers_stay_short_thanks_to_zig_zag()
    {
        Assert.Equal(3, Serializer.Serialize(-1).Length);
        Assert.Equal(3, Serializer.Serialize(-64L).Length);
        Assert.Equal(1 + 1 + 10, Serializer.Serialize(long.MinValue).Length);
    }

    [Fact]
    public void Floating_point_values_round_trip_bit_for_bit()
    {
        Wire.AssertRoundTrips(float.MinValue, float.Epsilon, 1.5f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN);
        Wire.AssertRoundTrips(double.MinValue, double.Epsilon, Math.PI, double.MaxValue, double.NegativeInfinity, double.NaN);
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(Wire.RoundTrip(-0.0)));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0.0f), BitConverter.SingleToInt32Bits(Wire.RoundTrip(-0.0f)));
    }

    [Fact]
    public void Decimals_round_trip_with_their_scale()
    {
        Wire.AssertRoundTrips(decimal.MinValue, decimal.MaxValue, decimal.Zero, -0.0000000000000000000000000001m, 79228162514264337593543950.335m);
        Assert.Equal("1.00", Wire.RoundTrip(1.00m).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Strings_round_trip_including_null_empty_and_unicode()
    {
        Wire.AssertRoundTrips<string?>(null, "", "hello", "héllo wörld", "日本語のチャット", "emoji 👋🏽 and ZWJ 👩‍👩‍👧", "nul\0inside", new string('x', 100_000));
    }

    [Fact]
    public void A_string_with_an_unpaired_surrogate_is_refused_rather_than_altered()
    {
        var error = Assert.Throws<ArgumentException>(() => Serializer.Serialize("broken \uD83D here"));
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Guids_round_trip()
    {
        Wire.AssertRoundTrips(Guid.Empty, Guid.NewGuid(), Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
    }

    [Fact]
    public void Dates_and_times_round_trip_with_kind_and_offset()
    {
        var utc = new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(1234567);
        var unspecified = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        Wire.AssertRoundTrips(DateTime.MinValue, DateTime.MaxValue, utc, unspecified);
        Assert.Equal(DateTimeKind.Utc, Wire.RoundTrip(utc).Kind);
        Assert.Equal(DateTimeKind.Unspecified, Wire.RoundTrip(unspecified).Kind);

        var offset = new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromMinutes(-570));
        Wire.AssertRoundTrips(DateTimeOffset.MinValue, DateTimeOffset.MaxValue, offset, new DateTimeOffset(utc));
        Assert.Equal(offset.Offset, Wire.RoundTrip(offset).Offset);
        Assert.Equal(TimeSpan.FromHours(14), Wire.RoundTrip(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(14))).Offset);

        Wire.AssertRoundTrips(TimeSpan.MinValue, TimeSpan.Zero, TimeSpan.FromTicks(-1), TimeSpan.MaxValue);
        Wire.AssertRoundTrips(DateOnly.MinValue, new DateOnly(2024, 2, 29), DateOnly.MaxValue);
        Wire.AssertRoundTrips(TimeOnly.MinValue, new TimeOnly(13, 37, 0, 1), TimeOnly.MaxValue);
    }

    [Fact]
    public void Byte_arrays_and_memory_round_trip()
    {
        Assert.Null(Wire.RoundTrip<byte[]?>(null));
        Assert.Empty(Wire.RoundTrip(Array.Empty<byte>())!);
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        Assert.Equal(bytes, Wire.RoundTrip(bytes));

        Assert.True(Wire.RoundTrip(ReadOnlyMemory<byte>.Empty).IsEmpty);
        Assert.Equal(bytes[10..510], Wire.RoundTrip(new ReadOnlyMemory<byte>(bytes, 10, 500)).ToArray());
    }

    [Fact]
    public void A_byte_array_field_reads_as_memory_and_null_as_empty()
    {
        Assert.Equal(new byte[] { 1, 2, 3 }, Serializer.Deserialize<ReadOnlyMemory<byte>>(Serializer.Serialize(new byte[] { 1, 2, 3 })).ToArray());
        Assert.True(Serializer.Deserialize<ReadOnlyMemory<byte>>(Serializer.Serialize<byte[]?>(null)).IsEmpty);
    }

    [Fact]
    public void Enums_round_trip_for_every_underlying_type_including_undefined_values()
    {
        Wire.AssertRoundTrips(Color.Red, Color.Blue, (Color)42, (Color)(-7));
        Wire.AssertRoundTrips(Permissions.Read | Permissions.Write, Permissions.None);
        Wire.AssertRoundTrips(Tiny.Low, Tiny.High, (Tiny)(-128));
        Wire.AssertRoundTrips(Small.Max, (Small)0);
        Wire.AssertRoundTrips(Huge.Top, (Huge)0, (Huge)(ulong.MaxValue - 1));
        Wire.AssertRoundTrips(Wide.Min, Wide.Max);
    }

    [Fact]
    public void Nullables_round_trip_with_and_without_a_value()
    {
        Wire.AssertRoundTrips<int?>(null, 0, int.MinValue);
        Wire.AssertRoundTrips<Guid?>(null, Guid.NewGuid());
        Wire.AssertRoundTrips<Color?>(null, Color.Blue);
        Wire.AssertRoundTrips<DateTimeOffset?>(null, DateTimeOffset.UnixEpoch);
    }

    public enum Color
    {
        Red,
        Green,
        Blue,
    }

    [Flags]
    public enum Permissions : uint
    {
        None = 0,
        Read = 1,
        Write = 0x8000_0000,
    }

    public enum Tiny : sbyte
    {
        Low = sbyte.MinValue,
        High = sbyte.MaxValue,
    }

    public enum Small : ushort
    {
        Max = ushort.MaxValue,
    }

    public enum Huge : ulong
    {
        Top = ulong.MaxValue,
    }

    public enum Wide : long
    {
        Min = long.MinValue,
        Max = long.MaxValue,
    }
}
