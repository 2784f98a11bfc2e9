using OrleansChat.Grains.Messages.Events;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Implemented by gateway nodes (one observer per node, subscribed to each conversation its
/// connections watch). A conversation creates each event once and calls each subscribed observer
/// once per event, in the order the events happened; the node relays to its connections.
/// </summary>
public interface IConversationObserver : IGrainObserver
{
    Task OnMessagePosted(MessagePostedEvent e);

    Task OnMessageEdited(MessageEditedEvent e);

    Task OnMessageDeleted(MessageDeletedEvent e);

    Task OnReactionChanged(ReactionChangedEvent e);

    Task OnTyping(TypingEvent e);

    Task OnMembershipChanged(MembershipChangedEvent e);

    Task OnReadReceipt(ReadReceiptEvent e);

    Task OnConversationChanged(ConversationChangedEvent e);
}
