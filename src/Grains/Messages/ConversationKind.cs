namespace OrleansChat.Grains.Messages;

/// <summary>A room or a direct-message thread.</summary>
public enum ConversationKind
{
    Room = 0,
    Direct = 1,
}
