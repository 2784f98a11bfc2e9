namespace OrleansChat.Grains.Messages.Events;

/// <summary>What happened to a conversation as a whole.</summary>
public enum ConversationChange
{
    Updated = 0,
    Deleted = 1,
}
