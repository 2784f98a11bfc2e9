using System.Threading.Channels;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Messages.Events;

namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>
/// The object a conversation grain calls for one <see cref="ConversationFeed"/>. It only queues:
/// the grain waits for each call before making the next (that is how it keeps order), so an
/// observer that did the fan-out inline would slow the grain's delivery to every other gateway.
/// </summary>
internal sealed class FeedObserver(ChannelWriter<object> queue, Action onDropped) : IConversationObserver
{
    public Task OnMessagePosted(MessagePostedEvent e) => Queue(e);

    public Task OnMessageEdited(MessageEditedEvent e) => Queue(e);

    public Task OnMessageDeleted(MessageDeletedEvent e) => Queue(e);

    public Task OnReactionChanged(ReactionChangedEvent e) => Queue(e);

    public Task OnTyping(TypingEvent e) => Queue(e);

    public Task OnMembershipChanged(MembershipChangedEvent e) => Queue(e);

    public Task OnReadReceipt(ReadReceiptEvent e) => Queue(e);

    public Task OnConversationChanged(ConversationChangedEvent e) => Queue(e);

    private Task Queue(object e)
    {
        // A full queue drops the event: messages are re-read from history when the gap shows;
        // edits, reactions, typing signals and read receipts of that moment are lost.
        if (!queue.TryWrite(e))
        {
            onDropped();
        }

        return Task.CompletedTask;
    }
}
