namespace OrleansChat.Grains.Moderation;

/// <summary>
/// A token bucket per user and conversation: a sustained rate of <see cref="PermitLimit"/> messages
/// per <see cref="Window"/> (Discord's default, 5 per 5 s), and up to <see cref="Burst"/> at once.
/// </summary>
public sealed class MessageRateLimitOptions
{
    public int PermitLimit { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(5);

    public int Burst { get; set; } = 5;
}
