namespace OrleansChat.Grains.Moderation;

/// <summary>What the word filter does with a blocked word.</summary>
public enum WordFilterMode
{
    /// <summary>Replace the word's letters with '*' and keep the message.</summary>
    Mask = 0,

    /// <summary>Refuse the message with <c>message.filtered</c>.</summary>
    Reject = 1,
}
