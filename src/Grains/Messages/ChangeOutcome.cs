namespace OrleansChat.Grains.Messages;

/// <summary>Result of a conditional change to one message.</summary>
internal enum ChangeOutcome
{
    Changed,
    NotFound,
    Deleted,

    /// <summary>The message exists and is live, but the writer was not its author.</summary>
    NotAuthor,
}
