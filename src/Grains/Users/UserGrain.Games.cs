using System.Collections.Immutable;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Users;

/// <summary>Game invitations: open until answered, cancelled or expired (expiry is read from the injected clock).</summary>
internal sealed partial class UserGrain
{
    public Task<GameInvite> InviteToGame(string userId, string game) => Run(async () =>
    {
        RequireSelfAccount("invite users to games");
        var name = TextRules.SingleLine(game, ChatLimits.MaxGameLength, ChatErrorCodes.InvalidGame, "game", allowEmpty: false);
        await RequireProfileAsync();
        var target = await RequireOtherAccountAsync(userId);
        var now = Now;
        var invite = new GameInvite(Guid.NewGuid(), _userId, target, name, now, now + _options.GameInviteLifetime, GameInviteStatus.Pending);
        await _invites.CreateInviteAsync(invite);
        AnnounceInvite(invite, target);
        Relay(target, relay => relay.Notify(new NotificationDraft(NotificationKind.GameInvite, _userId, Text: name)));
        return invite;
    });

    public Task<GameInvite> RespondToGameInvite(Guid inviteId, bool accept) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        var invite = await CloseInviteAsync(inviteId, i => i.ToUserId == _userId, accept ? GameInviteStatus.Accepted : GameInviteStatus.Declined);
        AnnounceInvite(invite, invite.FromUserId);
        Relay(invite.FromUserId, relay => relay.Notify(new NotificationDraft(
            NotificationKind.GameInviteAnswered, _userId, Text: $"{(accept ? "accepted" : "declined")}: {invite.Game}")));
        return invite;
    });

    public Task<GameInvite> CancelGameInvite(Guid inviteId) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        var invite = await CloseInviteAsync(inviteId, i => i.FromUserId == _userId, GameInviteStatus.Cancelled);
        AnnounceInvite(invite, invite.ToUserId);
        return invite;
    });

    public Task<ImmutableArray<GameInvite>> GetGameInvites() => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        return (await _invites.OpenInvitesAsync(_userId, _timeProvider.GetUtcNow())).ToImmutableArray();
    });

    private async Task<GameInvite> CloseInviteAsync(Guid inviteId, Func<GameInvite, bool> mayClose, GameInviteStatus status)
    {
        var now = Now;
        var invite = await _invites.GetInviteAsync(inviteId, now);
        if (invite is null || !mayClose(invite))
        {
            throw ChatErrors.Of(ChatErrorCodes.GameInviteNotFound, "There is no such invitation for you.");
        }

        ThrowIfClosed(invite);
        if (!await _invites.CloseInviteAsync(inviteId, status, now))
        {
            // Answered, cancelled or expired between the read and the write.
            ThrowIfClosed(await _invites.GetInviteAsync(inviteId, now) ?? invite);
            throw ChatErrors.Of(ChatErrorCodes.GameInviteClosed, "The invitation is no longer open.");
        }

        return invite with { Status = status };
    }

    private static void ThrowIfClosed(GameInvite invite)
    {
        switch (invite.Status)
        {
            case GameInviteStatus.Pending:
                return;
            case GameInviteStatus.Expired:
                throw ChatErrors.Of(ChatErrorCodes.GameInviteExpired, $"The invitation expired at {invite.ExpiresAt:u}.");
            default:
                throw ChatErrors.Of(ChatErrorCodes.GameInviteClosed, $"The invitation was already {invite.Status.ToString().ToLowerInvariant()}.");
        }
    }

    private void AnnounceInvite(GameInvite invite, string otherUserId)
    {
        _observers.Publish(new GameInviteChangedEvent(_userId, invite), static (o, e) => o.OnGameInviteChanged(e));
        var theirs = new GameInviteChangedEvent(otherUserId, invite);
        Relay(otherUserId, relay => relay.GameInviteChanged(theirs));
    }
}
