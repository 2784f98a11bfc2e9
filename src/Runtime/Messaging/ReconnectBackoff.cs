namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Delay before the next connection attempt after consecutive failures: exponential from the
/// initial delay, capped, with ±20% jitter so many clients that lost the same silo do not all
/// redial in the same instant when it returns.
/// </summary>
internal static class ReconnectBackoff
{
    private const double JitterFraction = 0.2;

    /// <param name="failures">Consecutive failed attempts so far (at least 1).</param>
    /// <param name="jitterSample">A uniform sample in [0, 1).</param>
    public static TimeSpan GetDelay(int failures, TimeSpan initial, TimeSpan max, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);

        // Doubling stops well before the exponent could overflow; the cap applies long before anyway.
        var exponent = Math.Min(failures - 1, 30);
        var baseTicks = Math.Min(initial.Ticks * (double)(1L << exponent), max.Ticks);
        var jittered = baseTicks * (1 - JitterFraction + (2 * JitterFraction * jitterSample));
        return TimeSpan.FromTicks((long)Math.Min(jittered, max.Ticks));
    }
}
