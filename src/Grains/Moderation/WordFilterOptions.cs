namespace OrleansChat.Grains.Moderation;

/// <summary>Blocked words (whole words, case-insensitive) and what to do with them.</summary>
public sealed class WordFilterOptions
{
    public IList<string> Words { get; } = [];

    public WordFilterMode Mode { get; set; } = WordFilterMode.Mask;
}
