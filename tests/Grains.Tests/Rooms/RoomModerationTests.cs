using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Moderation;
using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Rooms;

/// <summary>Roles (owner &gt; admin &gt; member), kicks, mutes, role changes, updates and the audit log.</summary>
public sealed class RoomModerationTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    /// <summary>A room with an owner, an admin and two members.</summary>
    private async Task<(string Room, string Owner, string Admin, string Member, string Other)> RoomWithRolesAsync()
    {
        var owner = await Silo.NewUserAsync("owner");
        var admin = await Silo.NewUserAsync("admin");
        var member = await Silo.NewUserAsync("member");
        var other = await Silo.NewUserAsync("other");
        var roomId = await Silo.NewRoomAsync(owner);
        foreach (var user in new[] { admin, member, other })
        {
            await Silo.JoinAsync(roomId, user);
        }

        As.User(owner);
        await Silo.Room(roomId).Promote(admin);
        return (roomId, owner, admin, member, other);
    }

    [Fact]
    public async Task A_member_cannot_kick_an_admin_or_anyone_else()
    {
        var (roomId, _, admin, member, other) = await RoomWithRolesAsync();

        As.User(member);
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Kick(admin, null));
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Kick(other, null));
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Ban(other, null, null));
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Mute(other, TimeSpan.FromMinutes(1), null));
        As.User(admin);
        var members = await Silo.Room(roomId).GetMembers(null, 100);

        Assert.Equal(4, members.Members.Length);
    }

    [Fact]
    public async Task An_admin_cannot_act_on_another_admin_or_the_owner()
    {
        var (roomId, owner, admin, member, _) = await RoomWithRolesAsync();
        As.User(owner);
        await Silo.Room(roomId).Promote(member);

        As.User(admin);
        await Refused.With(ChatErrorCodes.RoomTargetOutranks, () => Silo.Room(roomId).Kick(owner, null));
        await Refused.With(ChatErrorCodes.RoomTargetOutranks, () => Silo.Room(roomId).Kick(member, null));
        await Refused.With(ChatErrorCodes.RoomTargetOutranks, () => Silo.Room(roomId).Ban(owner, null, null));
        await Refused.With(ChatErrorCodes.RoomTargetOutranks, () => Silo.Room(roomId).Mute(member, TimeSpan.FromMinutes(5), null));
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Demote(member));
        await Refused.With(ChatErrorCodes.UserSelf, () => Silo.Room(roomId).Kick(admin, null));
    }

    [Fact]
    public async Task An_admin_kicks_a_member_who_is_told_and_the_kick_is_audited()
    {
        var (roomId, _, admin, member, _) = await RoomWithRolesAsync();
        var observer = Silo.Observer(Ids.New("node"));
        As.User(admin);
        await Silo.Room(roomId).Subscribe(observer);

        await Silo.Room(roomId).Kick(member, "off topic");
        var info = await Silo.Room(roomId).GetInfo();
        var audit = await Silo.Room(roomId).GetAuditLog(null, 10);

        Assert.Equal(3, info.MemberCount);
        await Wait.Until(async () => (await observer.Events()).Contains($"member:{member}:Kicked:"), "the observer saw the kick");
        await Wait.Until(
            async () => { As.User(member); return (await Silo.User(member).GetNotifications(new())).Items.Any(n => n.Kind == NotificationKind.Moderation); },
            "the kicked member got a moderation notification");
        var kick = Assert.Single(audit, e => e.Action == AuditActions.MemberKicked);
        Assert.Equal((admin, member, "off topic"), (kick.ActorId, kick.TargetId, kick.Reason));
        As.User(member);
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "I'm back")));
    }

    [Fact]
    public async Task A_muted_member_cannot_post_edit_or_react_until_the_mute_ends()
    {
        var (roomId, _, admin, member, _) = await RoomWithRolesAsync();
        var before = await Silo.Room(roomId).PostAsync(member, "before the mute");

        As.User(admin);
        await Silo.Room(roomId).Mute(member, TimeSpan.FromMinutes(5), "cool down");
        As.User(member);
        await Refused.With(ChatErrorCodes.RoomMuted, () => Silo.Room(roomId).Post(new PostMessageRequest("c1", "muted?")));
        await Refused.With(ChatErrorCodes.RoomMuted, () => Silo.Room(roomId).Edit(before.Seq, "edited while muted"));
        await Refused.With(ChatErrorCodes.RoomMuted, () => Silo.Room(roomId).ToggleReaction(before.Seq, "👍"));
        var history = await Silo.Room(roomId).GetHistory(new HistoryQuery());
        Silo.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var after = await Silo.Room(roomId).Post(new PostMessageRequest("c2", "free again"));

        Assert.Single(history.Messages);
        Assert.Equal(before.Seq + 1, after.Message.Seq);
    }

    [Fact]
    public async Task Unmuting_restores_posting_at_once()
    {
        var (roomId, _, admin, member, _) = await RoomWithRolesAsync();
        As.User(admin);
        await Silo.Room(roomId).Mute(member, TimeSpan.FromHours(1), null);

        await Silo.Room(roomId).Unmute(member);
        var posted = await Silo.Room(roomId).PostAsync(member, "thanks");

        Assert.Equal("thanks", posted.Text);
    }

    [Fact]
    public async Task Only_the_owner_promotes_and_demotes_and_the_new_role_takes_effect()
    {
        var (roomId, owner, admin, member, other) = await RoomWithRolesAsync();

        As.User(admin);
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Promote(member));
        As.User(owner);
        await Silo.Room(roomId).Promote(member);
        As.User(member);
        await Silo.Room(roomId).Kick(other, null);
        As.User(owner);
        await Silo.Room(roomId).Demote(member);
        await Refused.With(ChatErrorCodes.RoomTargetNotMember, () => Silo.Room(roomId).Promote(other));
        As.User(member);

        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Kick(admin, null));
    }

    [Fact]
    public async Task Transferring_ownership_makes_the_old_owner_an_admin()
    {
        var (roomId, owner, admin, _, _) = await RoomWithRolesAsync();

        As.User(owner);
        await Silo.Room(roomId).TransferOwnership(admin);
        var oldOwnerView = await Silo.Room(roomId).GetInfo();
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Delete(null));
        As.User(admin);
        await Silo.Room(roomId).Demote(owner);
        As.User(owner);
        var demoted = await Silo.Room(roomId).GetInfo();

        Assert.Equal(admin, oldOwnerView.OwnerId);
        Assert.Equal(RoomRole.Admin, oldOwnerView.CallerRole);
        Assert.Equal(RoomRole.Member, demoted.CallerRole);
    }

    [Fact]
    public async Task Admins_remove_lower_ranked_members_messages_but_members_only_their_own()
    {
        var (roomId, owner, admin, member, other) = await RoomWithRolesAsync();
        var byMember = await Silo.Room(roomId).PostAsync(member, "rude words");
        var byOwner = await Silo.Room(roomId).PostAsync(owner, "house rules");
        var byOther = await Silo.Room(roomId).PostAsync(other, "my own");

        As.User(member);
        await Refused.With(ChatErrorCodes.MessageNotAuthor, () => Silo.Room(roomId).DeleteMessage(byOther.Seq));
        As.User(other);
        var own = await Silo.Room(roomId).DeleteMessage(byOther.Seq);
        As.User(admin);
        await Refused.With(ChatErrorCodes.RoomTargetOutranks, () => Silo.Room(roomId).DeleteMessage(byOwner.Seq));
        var removed = await Silo.Room(roomId).DeleteMessage(byMember.Seq);
        var audit = await Silo.Room(roomId).GetAuditLog(null, 20);

        Assert.True(own.IsDeleted);
        Assert.True(removed.IsDeleted);
        Assert.Equal(admin, removed.DeletedBy);
        Assert.Equal("", removed.Text);
        var entry = Assert.Single(audit, e => e.Action == AuditActions.MessageRemoved);
        Assert.Equal($"{ConversationIds.ForRoom(roomId)}#{byMember.Seq}", entry.TargetId);
    }

    [Fact]
    public async Task Updates_need_an_admin_for_name_and_topic_and_the_owner_for_visibility_and_password()
    {
        var (roomId, owner, admin, member, _) = await RoomWithRolesAsync();
        var observer = Silo.Observer(Ids.New("node"));
        As.User(owner);
        await Silo.Room(roomId).Subscribe(observer);

        As.User(member);
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Update(new UpdateRoomRequest(Topic: "members rule")));
        As.User(admin);
        var renamed = await Silo.Room(roomId).Update(new UpdateRoomRequest(Name: roomId + "-new", Topic: "new topic"));
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Update(new UpdateRoomRequest(Visibility: RoomVisibility.Private)));
        await Refused.With(ChatErrorCodes.InvalidTopic, () => Silo.Room(roomId).Update(new UpdateRoomRequest(Topic: new string('t', 300))));
        As.User(owner);
        await Refused.With(ChatErrorCodes.InvalidPassword, () => Silo.Room(roomId).Update(new UpdateRoomRequest(Visibility: RoomVisibility.PasswordProtected)));
        var locked = await Silo.Room(roomId).Update(new UpdateRoomRequest(Visibility: RoomVisibility.PasswordProtected, Password: "letmein"));

        Assert.Equal("new topic", renamed.Topic);
        Assert.Equal(roomId + "-new", renamed.Name);
        Assert.Equal(RoomVisibility.PasswordProtected, locked.Visibility);
        await Wait.Until(async () => (await observer.Events()).Contains($"conversation:Updated:{roomId}-new"), "the observer saw the rename");
        var newcomer = await Silo.NewUserAsync("newcomer");
        As.User(newcomer);
        await Refused.With(ChatErrorCodes.RoomWrongPassword, () => Silo.Room(roomId).Join("nope"));
        await Silo.Room(roomId).Join("letmein");
    }

    [Fact]
    public async Task Every_moderation_action_lands_in_the_audit_log_with_actor_target_time_and_reason()
    {
        var (roomId, owner, admin, member, other) = await RoomWithRolesAsync();

        As.User(admin);
        await Silo.Room(roomId).Mute(member, TimeSpan.FromMinutes(1), "shouting");
        await Silo.Room(roomId).Unmute(member);
        await Silo.Room(roomId).Ban(other, TimeSpan.FromDays(1), "spam");
        await Silo.Room(roomId).Unban(other);
        As.User(owner);
        await Silo.Room(roomId).Demote(admin);
        var audit = await Silo.Room(roomId).GetAuditLog(null, 50);

        Assert.Equal(
            [AuditActions.MemberDemoted, AuditActions.MemberUnbanned, AuditActions.MemberBanned, AuditActions.MemberUnmuted, AuditActions.MemberMuted, AuditActions.MemberPromoted, AuditActions.RoomCreated],
            audit.Select(e => e.Action));
        var ban = audit.Single(e => e.Action == AuditActions.MemberBanned);
        Assert.Equal((admin, other, "spam"), (ban.ActorId, ban.TargetId, ban.Reason));
        Assert.Equal(Silo.Time.GetUtcNow(), ban.OccurredAt);
        As.User(member);
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).GetAuditLog(null, 10));
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).GetBans());
    }

    [Fact]
    public async Task Invalid_moderation_input_is_refused_with_its_code()
    {
        var (roomId, _, admin, member, _) = await RoomWithRolesAsync();

        As.User(admin);
        await Refused.With(ChatErrorCodes.InvalidDuration, () => Silo.Room(roomId).Mute(member, TimeSpan.Zero, null));
        await Refused.With(ChatErrorCodes.InvalidDuration, () => Silo.Room(roomId).Ban(member, TimeSpan.FromDays(400), null));
        await Refused.With(ChatErrorCodes.InvalidReason, () => Silo.Room(roomId).Kick(member, new string('r', 600)));
        await Refused.With(ChatErrorCodes.InvalidId, () => Silo.Room(roomId).Kick("not a valid id", null));
        await Refused.With(ChatErrorCodes.RoomTargetNotMember, () => Silo.Room(roomId).Kick(Ids.New("stranger"), null));

        Assert.Equal(4, (await Silo.Room(roomId).GetInfo()).MemberCount);
    }
}
