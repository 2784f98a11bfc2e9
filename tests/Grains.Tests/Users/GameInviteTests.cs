using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Tests.Infrastructure;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Tests.Users;

/// <summary>Game invitations: accept, decline, cancel, expiry by the clock, and blocks.</summary>
public sealed class GameInviteTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task An_invitation_can_be_accepted_once_and_the_inviter_is_told()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        As.User(alice);
        var invite = await Silo.User(alice).InviteToGame(bob, "chess");
        As.User(bob);
        var open = await Silo.User(bob).GetGameInvites();
        var accepted = await Silo.User(bob).RespondToGameInvite(invite.InviteId, accept: true);
        await Refused.With(ChatErrorCodes.GameInviteClosed, () => Silo.User(bob).RespondToGameInvite(invite.InviteId, accept: false));

        Assert.Equal(invite.InviteId, Assert.Single(open).InviteId);
        Assert.Equal(GameInviteStatus.Accepted, accepted.Status);
        Assert.Empty(await Silo.User(bob).GetGameInvites());
        As.User(alice);
        await Wait.Until(async () => (await Silo.User(alice).GetNotifications(new())).Items.Any(n => n.Kind == NotificationKind.GameInviteAnswered), "alice heard the answer");
    }

    [Fact]
    public async Task An_invitation_expires_after_its_lifetime()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        As.User(alice);
        var invite = await Silo.User(alice).InviteToGame(bob, "go");

        Silo.Time.Advance(TimeSpan.FromMinutes(5));
        As.User(bob);

        Assert.Equal(invite.CreatedAt + TimeSpan.FromMinutes(5), invite.ExpiresAt);
        await Refused.With(ChatErrorCodes.GameInviteExpired, () => Silo.User(bob).RespondToGameInvite(invite.InviteId, accept: true));
        Assert.Empty(await Silo.User(bob).GetGameInvites());
        As.User(alice);
        var again = await Silo.User(alice).InviteToGame(bob, "go");
        Assert.Equal(GameInviteStatus.Pending, again.Status);
    }

    [Fact]
    public async Task Only_the_invitee_answers_and_only_the_inviter_cancels()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var carol = await Silo.NewUserAsync("carol");
        As.User(alice);
        var invite = await Silo.User(alice).InviteToGame(bob, "poker");
        await Refused.With(ChatErrorCodes.GameInvitePending, () => Silo.User(alice).InviteToGame(bob, "poker again"));

        As.User(carol);
        await Refused.With(ChatErrorCodes.GameInviteNotFound, () => Silo.User(carol).RespondToGameInvite(invite.InviteId, accept: true));
        As.User(alice);
        await Refused.With(ChatErrorCodes.GameInviteNotFound, () => Silo.User(alice).RespondToGameInvite(invite.InviteId, accept: true));
        As.User(bob);
        await Refused.With(ChatErrorCodes.GameInviteNotFound, () => Silo.User(bob).CancelGameInvite(invite.InviteId));
        As.User(alice);
        var cancelled = await Silo.User(alice).CancelGameInvite(invite.InviteId);
        As.User(bob);
        await Refused.With(ChatErrorCodes.GameInviteClosed, () => Silo.User(bob).RespondToGameInvite(invite.InviteId, accept: false));

        Assert.Equal(GameInviteStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task Blocks_refuse_game_invitations_both_ways_and_cancel_open_ones()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        As.User(bob);
        var open = await Silo.User(bob).InviteToGame(alice, "tennis");

        As.User(alice);
        await Silo.User(alice).Block(bob);
        await Refused.With(ChatErrorCodes.UserBlocked, () => Silo.User(alice).InviteToGame(bob, "chess"));
        await Refused.With(ChatErrorCodes.GameInviteClosed, () => Silo.User(alice).RespondToGameInvite(open.InviteId, accept: true));
        As.User(bob);
        await Refused.With(ChatErrorCodes.UserBlocked, () => Silo.User(bob).InviteToGame(alice, "chess"));
    }

    [Fact]
    public async Task Invalid_invitations_are_refused()
    {
        var alice = await Silo.NewUserAsync("alice");
        var guest = await Silo.NewUserAsync("guest", guest: true);

        As.User(alice);
        await Refused.With(ChatErrorCodes.InvalidGame, () => Silo.User(alice).InviteToGame(guest, " "));
        await Refused.With(ChatErrorCodes.GuestForbidden, () => Silo.User(alice).InviteToGame(guest, "chess"));
        await Refused.With(ChatErrorCodes.UserSelf, () => Silo.User(alice).InviteToGame(alice, "solitaire"));
        await Refused.With(ChatErrorCodes.GameInviteNotFound, () => Silo.User(alice).RespondToGameInvite(Guid.NewGuid(), true));
    }
}
