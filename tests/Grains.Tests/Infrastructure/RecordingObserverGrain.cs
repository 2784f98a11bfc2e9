using System.Collections.Immutable;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Messages.Events;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Tests.Infrastructure;

public sealed class RecordingObserverGrain : Grain, IRecordingObserver
{
    private readonly List<string> _events = [];
    private readonly List<ChatMessage> _posted = [];
    private bool _failing;

    public Task<ImmutableArray<string>> Events() => Task.FromResult(_events.ToImmutableArray());

    public Task<ImmutableArray<ChatMessage>> Posted() => Task.FromResult(_posted.ToImmutableArray());

    public Task FailFromNowOn()
    {
        _failing = true;
        return Task.CompletedTask;
    }

    public Task OnMessagePosted(MessagePostedEvent e)
    {
        Record($"posted:{e.Message.ConversationId}:{e.Message.Seq}");
        _posted.Add(e.Message);
        return Task.CompletedTask;
    }

    public Task OnMessageEdited(MessageEditedEvent e) => Record($"edited:{e.Message.Seq}:{e.Message.Text}");

    public Task OnMessageDeleted(MessageDeletedEvent e) => Record($"deleted:{e.Seq}:{e.DeletedBy}");

    public Task OnReactionChanged(ReactionChangedEvent e) => Record($"reaction:{e.Seq}:{e.Emoji}:{e.UserId}:{(e.Added ? "added" : "removed")}:{e.Count}");

    public Task OnTyping(TypingEvent e) => Record($"typing:{e.UserId}");

    public Task OnMembershipChanged(MembershipChangedEvent e) => Record($"member:{e.UserId}:{e.Change}:{e.Role}");

    public Task OnReadReceipt(ReadReceiptEvent e) => Record($"read:{e.UserId}:{e.Seq}");

    public Task OnConversationChanged(ConversationChangedEvent e) => Record($"conversation:{e.Change}:{e.Room?.Name}");

    public Task OnNotification(NotificationEvent e) => Record($"notification:{e.UserId}:{e.Notification.Kind}:{e.Notification.ActorId}");

    public Task OnPresenceChanged(PresenceChangedEvent e) => Record($"presence:{e.UserId}:{e.Presence}:{e.CustomStatus}");

    public Task OnFriendshipChanged(FriendshipChangedEvent e) => Record($"friendship:{e.UserId}:{e.OtherUserId}:{e.State}");

    public Task OnGameInviteChanged(GameInviteChangedEvent e) => Record($"game:{e.UserId}:{e.Invite.Game}:{e.Invite.Status}");

    private Task Record(string text)
    {
        if (_failing)
        {
            throw new InvalidOperationException("This observer is gone.");
        }

        _events.Add(text);
        return Task.CompletedTask;
    }
}
