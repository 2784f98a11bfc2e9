namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>System time shifted by <see cref="Offset"/>: lets a test jump the wall clock while timers and timestamps stay real.</summary>
public sealed class OffsetTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
