namespace OrleansChat.Grains.Moderation;

/// <summary>Repeated-text detection: the same text (ignoring case and spacing) at most <see cref="MaxRepeats"/> times per <see cref="Window"/>.</summary>
public sealed class SpamOptions
{
    public int MaxRepeats { get; set; } = 2;

    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(30);
}
