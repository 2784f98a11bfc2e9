namespace OrleansChat.Grains.Storage;

/// <summary>
/// The current time at PostgreSQL's resolution (microseconds), so that a value held in memory
/// equals the same value read back from the database.
/// </summary>
internal static class ChatClock
{
    public static DateTimeOffset Now(TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new DateTimeOffset(now.Ticks - (now.Ticks % 10), TimeSpan.Zero);
    }
}
