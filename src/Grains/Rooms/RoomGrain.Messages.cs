using System.Collections.Immutable;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;

namespace OrleansChat.Grains.Rooms;

/// <summary>The room's conversation: members post, react and type unless muted; readers read.</summary>
internal sealed partial class RoomGrain
{
    private const int PreviewLength = 140;
    private const int ReadPositionLimit = 100;

    public Task<PostResult> Post(PostMessageRequest request) => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        await RequireSpeakerAsync(caller);
        return await _core.PostAsync(caller.UserId, request);
    });

    public Task<ChatMessage> Edit(long seq, string text) => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        await RequireSpeakerAsync(caller);
        return await _core.EditAsync(caller.UserId, seq, text);
    });

    public Task<ChatMessage> DeleteMessage(long seq) => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        var actor = await RequireMemberAsync(caller);
        var message = await _core.GetMessageAsync(seq, caller.UserId);
        if (message.SenderId == caller.UserId || message.IsDeleted)
        {
            return message.IsDeleted ? message : await _core.DeleteAsync(caller.UserId, seq, audit: null);
        }

        // Someone else's message: admins may remove it, unless its author outranks them.
        if (actor.Role < RoomRole.Admin)
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageNotAuthor, "Only the author or an admin can delete this message.");
        }

        var authorRole = (await GetMemberAsync(message.SenderId))?.Role ?? RoomRole.Member;
        RequireOutranks(actor, authorRole);
        var audit = Audit(caller, AuditActions.MessageRemoved, "message", $"{ConversationId}#{seq}", Now, details: $"author {message.SenderId}");
        return await _core.DeleteAsync(caller.UserId, seq, audit);
    });

    public Task<ReactionResult> ToggleReaction(long seq, string emoji) => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        await RequireSpeakerAsync(caller);
        return await _core.ToggleReactionAsync(caller.UserId, seq, emoji);
    });

    public Task<MessagePage> GetHistory(HistoryQuery query) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var room = await RequireRoomAsync();
        await RequireReaderAsync(caller, room);
        return await _core.GetHistoryAsync(caller.UserId, query);
    });

    public Task<ImmutableArray<MessageRevision>> GetEditHistory(long seq) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var room = await RequireRoomAsync();
        var reader = await RequireReaderAsync(caller, room);
        var message = await _core.GetMessageAsync(seq, caller.UserId);

        // A deleted message's earlier texts are for moderators only.
        if (message.IsDeleted && (reader is null || reader.Role < RoomRole.Admin))
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageDeleted, $"Message {seq} was deleted.");
        }

        return await _core.GetRevisionsAsync(seq);
    });

    public Task SendTyping() => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        var member = await RequireMemberAsync(caller);
        if (!member.IsMutedAt(_services.TimeProvider.GetUtcNow()))
        {
            _core.Typing(caller.UserId);
        }
    });

    public Task MarkRead(long seq) => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        await RequireMemberAsync(caller);
        await _core.MarkReadAsync(caller.UserId, seq);
    });

    public Task<ImmutableArray<ReadPosition>> GetReadPositions() => Run(async () =>
    {
        var caller = CallerContext.Require();
        await RequireRoomAsync();
        await RequireMemberAsync(caller);
        var positions = await _core.GetReadPositionsAsync(caller.UserId, ReadPositionLimit);

        // Positions outlive membership: only current members' count as "seen by".
        var current = ImmutableArray.CreateBuilder<ReadPosition>(positions.Length);
        foreach (var position in positions)
        {
            if (await GetMemberAsync(position.UserId) is not null)
            {
                current.Add(position);
            }
        }

        return current.ToImmutable();
    });

    public Task<SubscriptionLease> Subscribe(IConversationObserver observer) => Run(async () =>
    {
        var caller = CallerContext.Require();
        var room = await RequireRoomAsync();
        await RequireReaderAsync(caller, room);
        return await _core.SubscribeAsync(observer);
    });

    public Task Unsubscribe(IConversationObserver observer) => Run(() =>
    {
        CallerContext.Require();
        _core.Unsubscribe(observer);
        return Task.CompletedTask;
    });

    private async ValueTask RequireSpeakerAsync(Caller caller)
    {
        var member = await RequireMemberAsync(caller);
        if (member.IsMutedAt(_services.TimeProvider.GetUtcNow()))
        {
            throw ChatErrors.Of(ChatErrorCodes.RoomMuted, $"You are muted until {member.MutedUntil:u}.");
        }
    }

    /// <summary>After a commit: notify mentioned members (looked up in one query), without delaying anyone.</summary>
    private void OnPosted(ChatMessage message)
    {
        if (message.Mentions.Length > 0)
        {
            _ = Background(NotifyMentionsAsync(message), "mentions");
        }
    }

    private async Task NotifyMentionsAsync(ChatMessage message)
    {
        var preview = message.Text.Length <= PreviewLength ? message.Text : message.Text[..PreviewLength];
        foreach (var userId in await _rooms.FindMembersByNameAsync(_roomId, message.Mentions))
        {
            if (userId != message.SenderId)
            {
                Notify(userId, new NotificationDraft(NotificationKind.Mention, message.SenderId, ConversationId, message.Seq, preview));
            }
        }
    }
}
