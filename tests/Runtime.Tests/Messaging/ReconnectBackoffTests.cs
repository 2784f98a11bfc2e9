using OrleansChat.Runtime.Messaging;

namespace OrleansChat.Runtime.Tests.Messaging;

public sealed class ReconnectBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(6, 3200)]
    public void Delay_doubles_with_each_consecutive_failure(int failures, int expectedMilliseconds)
    {
        // A jitter sample of 0.5 is the midpoint: no jitter.
        var delay = ReconnectBackoff.GetDelay(failures, Initial, Max, jitterSample: 0.5);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), delay);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Delay_never_exceeds_the_cap(int failures)
    {
        Assert.Equal(Max, ReconnectBackoff.GetDelay(failures, Initial, Max, jitterSample: 0.5));
        Assert.True(ReconnectBackoff.GetDelay(failures, Initial, Max, jitterSample: 0.999) <= Max);
    }

    [Fact]
    public void Jitter_spreads_delays_within_twenty_percent()
    {
        var low = ReconnectBackoff.GetDelay(3, Initial, Max, jitterSample: 0);
        var high = ReconnectBackoff.GetDelay(3, Initial, Max, jitterSample: 0.999);

        Assert.Equal(TimeSpan.FromMilliseconds(320), low);
        Assert.InRange(high, TimeSpan.FromMilliseconds(479), TimeSpan.FromMilliseconds(480));
    }
}
