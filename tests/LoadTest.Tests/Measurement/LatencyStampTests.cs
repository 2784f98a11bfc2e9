using System.Text;
using OrleansChat.LoadTest.Measurement;

namespace OrleansChat.LoadTest.Tests.Measurement;

public sealed class LatencyStampTests
{
    [Fact]
    public void A_stamped_text_has_the_requested_length_and_reads_back_its_time_and_sender()
    {
        var text = new byte[100];
        LatencyStamp.Write(text, 123_456_789_012, 4711);

        Assert.True(LatencyStamp.TryRead(text, out var timestamp, out var sender));
        Assert.Equal(123_456_789_012, timestamp);
        Assert.Equal(4711, sender);
        Assert.All(text, b => Assert.InRange(b, (byte)0x20, (byte)0x7E));
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("lt:")]
    [InlineData("lt:12x:3:")]
    [InlineData("lt:12:3")]
    public void Texts_without_a_complete_stamp_are_not_read_as_one(string text) =>
        Assert.False(LatencyStamp.TryRead(Encoding.UTF8.GetBytes(text), out _, out _));

    [Fact]
    public void A_text_too_short_for_a_stamp_is_refused() =>
        Assert.Throws<ArgumentException>(() => LatencyStamp.Write(new byte[LatencyStamp.MinimumLength - 1], 1, 1));
}
