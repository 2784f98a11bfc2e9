namespace OrleansChat.Grains.Validation;

/// <summary>Input limits enforced by the grains (clients may check them early; the grains always do).</summary>
public static class ChatLimits
{
    /// <summary>Largest message text, in Unicode code points after trimming.</summary>
    public const int MaxMessageLength = 4_000;

    public const int MinNameLength = 3;
    public const int MaxNameLength = 32;
    public const int MaxTopicLength = 256;
    public const int MaxDisplayNameLength = 64;
    public const int MaxBioLength = 1_000;
    public const int MaxAvatarUrlLength = 512;
    public const int MaxStatusLength = 128;
    public const int MaxEmojiLength = 64;
    public const int MaxClientMessageIdLength = 64;
    public const int MaxIdLength = 64;
    public const int MinPasswordLength = 4;
    public const int MaxPasswordLength = 128;
    public const int MaxReasonLength = 512;
    public const int MaxGameLength = 64;

    /// <summary>Largest history or list page.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Longest ban, mute or other duration.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(366);

    /// <summary>Most distinct users notified by the mentions of one message.</summary>
    public const int MaxMentions = 20;
}
