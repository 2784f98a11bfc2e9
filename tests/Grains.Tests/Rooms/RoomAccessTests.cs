using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Tests.Infrastructure;

namespace OrleansChat.Grains.Tests.Rooms;

/// <summary>Creating, finding, joining, reading and leaving rooms, and every refusal on the way.</summary>
public sealed class RoomAccessTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task Creating_a_room_makes_the_caller_its_only_member_and_owner()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = Ids.New("r");

        As.User(alice);
        var info = await Silo.Room(roomId).Create(new CreateRoomRequest("General-" + roomId[2..8], "Talk here"));

        Assert.Equal(RoomRole.Owner, info.CallerRole);
        Assert.Equal(alice, info.OwnerId);
        Assert.Equal(1, info.MemberCount);
        Assert.Equal("Talk here", info.Topic);
        Assert.Equal(ConversationIds.ForRoom(roomId), info.ConversationId);
    }

    [Fact]
    public async Task A_room_password_is_stored_only_as_a_pbkdf2_sha512_hash_with_at_least_210000_iterations()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice, RoomVisibility.PasswordProtected, "correct horse");

        await using var command = Silo.Database.CreateCommand("SELECT password_hash FROM chat_rooms WHERE room_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = roomId });
        var stored = (string)(await command.ExecuteScalarAsync())!;

        var parts = stored.Split('$');
        Assert.Equal("pbkdf2-sha512", parts[0]);
        Assert.True(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) >= 210_000);
        Assert.DoesNotContain("correct horse", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_room_id_that_exists_cannot_be_created_again()
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = await Silo.NewRoomAsync(alice);

        As.User(alice);
        await Refused.With(ChatErrorCodes.RoomAlreadyExists, () => Silo.Room(roomId).Create(new CreateRoomRequest(Ids.New("other"))));
    }

    [Fact]
    public async Task Room_names_are_unique_ignoring_case_until_the_room_is_deleted()
    {
        var alice = await Silo.NewUserAsync("alice");
        var name = Ids.New("Lobby");
        var first = Ids.New("r");
        As.User(alice);
        await Silo.Room(first).Create(new CreateRoomRequest(name));

        await Refused.With(ChatErrorCodes.RoomNameTaken, () => Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(name.ToUpperInvariant())));
        await Silo.Room(first).Delete("done");
        var reused = await Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(name.ToUpperInvariant()));

        Assert.Equal(name.ToUpperInvariant(), reused.Name);
    }

    [Fact]
    public async Task Guests_cannot_create_rooms_and_anonymous_calls_are_refused()
    {
        var guest = await Silo.NewUserAsync("guest", guest: true);

        As.Guest(guest);
        await Refused.With(ChatErrorCodes.GuestForbidden, () => Silo.Room(Ids.New("r")).Create(new CreateRoomRequest("guestroom")));
        As.Nobody();
        await Refused.With(ChatErrorCodes.AuthRequired, () => Silo.Room(Ids.New("r")).Create(new CreateRoomRequest("nobodys")));
    }

    [Theory]
    [InlineData("ab", null, ChatErrorCodes.InvalidName)]
    [InlineData("has space", null, ChatErrorCodes.InvalidName)]
    [InlineData("-leading-dash", null, ChatErrorCodes.InvalidName)]
    [InlineData("ﾘoom", null, ChatErrorCodes.InvalidName)]
    [InlineData("valid-name", "line one\nline two", ChatErrorCodes.InvalidTopic)]
    public async Task Invalid_names_and_topics_are_refused_and_nothing_is_stored(string name, string? topic, string code)
    {
        var alice = await Silo.NewUserAsync("alice");
        var roomId = Ids.New("r");

        As.User(alice);
        await Refused.With(code, () => Silo.Room(roomId).Create(new CreateRoomRequest(name, topic)));

        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_rooms WHERE room_id = $1", roomId));
    }

    [Fact]
    public async Task A_topic_longer_than_256_characters_is_refused()
    {
        var alice = await Silo.NewUserAsync("alice");

        As.User(alice);
        await Refused.With(ChatErrorCodes.InvalidTopic, () => Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(Ids.New("t"), new string('x', 257))));
    }

    [Fact]
    public async Task Passwords_belong_only_to_password_protected_rooms()
    {
        var alice = await Silo.NewUserAsync("alice");

        As.User(alice);
        await Refused.With(ChatErrorCodes.InvalidPassword, () => Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(Ids.New("p"), Visibility: RoomVisibility.Public, Password: "secret")));
        await Refused.With(ChatErrorCodes.InvalidPassword, () => Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(Ids.New("p"), Visibility: RoomVisibility.PasswordProtected)));
    }

    [Fact]
    public async Task Anyone_can_join_a_public_room_and_joining_twice_is_one_membership()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);

        As.User(bob);
        var joined = await Silo.Room(roomId).Join(null);
        var again = await Silo.Room(roomId).Join(null);

        Assert.Equal(RoomRole.Member, joined.CallerRole);
        Assert.Equal(2, again.MemberCount);
        Assert.Equal(2, await Silo.CountAsync("SELECT count(*) FROM chat_room_members WHERE room_id = $1", roomId));
    }

    [Fact]
    public async Task A_non_member_may_read_a_public_room_but_not_post_to_it()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.Room(roomId).PostAsync(alice, "welcome");

        As.User(bob);
        var history = await Silo.Room(roomId).GetHistory(new HistoryQuery());

        Assert.Equal(["welcome"], history.Messages.Select(m => m.Text));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "hi")));
    }

    [Fact]
    public async Task A_non_member_cannot_read_see_or_subscribe_to_a_private_room()
    {
        var alice = await Silo.NewUserAsync("alice");
        var mallory = await Silo.NewUserAsync("mallory");
        var roomId = await Silo.NewRoomAsync(alice, RoomVisibility.Private);
        await Silo.Room(roomId).PostAsync(alice, "secret plans");

        As.User(mallory);
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).GetHistory(new HistoryQuery()));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).GetInfo());
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).GetMembers(null, 10));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Subscribe(Silo.Observer(Ids.New("node"))));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "let me in")));
        await Refused.With(ChatErrorCodes.RoomInviteRequired, () => Silo.Room(roomId).Join(null));
    }

    [Fact]
    public async Task An_invited_user_can_join_a_private_room_and_the_invitation_is_used_up()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice, RoomVisibility.Private);

        As.User(alice);
        await Silo.Room(roomId).Invite(bob);
        As.User(bob);
        var visible = await Silo.Room(roomId).GetInfo();
        var joined = await Silo.Room(roomId).Join(null);

        Assert.Null(visible.CallerRole);
        Assert.Equal(RoomRole.Member, joined.CallerRole);
        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_room_invites WHERE room_id = $1", roomId));
        await Wait.Until(
            async () => (await Silo.User(bob).GetNotifications(new())).Items.Any(n => n.Kind == Notifications.NotificationKind.RoomInvite),
            "bob was notified of the invitation");
    }

    [Fact]
    public async Task Members_cannot_invite_to_a_private_room_but_can_to_a_public_one()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var carol = await Silo.NewUserAsync("carol");
        var privateRoom = await Silo.NewRoomAsync(alice, RoomVisibility.Private);
        var publicRoom = await Silo.NewRoomAsync(alice);
        As.User(alice);
        await Silo.Room(privateRoom).Invite(bob);
        await Silo.JoinAsync(privateRoom, bob);
        await Silo.JoinAsync(publicRoom, bob);

        As.User(bob);
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(privateRoom).Invite(carol));
        await Silo.Room(publicRoom).Invite(carol);
        await Refused.With(ChatErrorCodes.RoomAlreadyMember, () => Silo.Room(publicRoom).Invite(alice));
        await Refused.With(ChatErrorCodes.UserNotFound, () => Silo.Room(publicRoom).Invite(Ids.New("ghost")));
    }

    [Fact]
    public async Task A_password_protected_room_refuses_a_missing_or_wrong_password_and_admits_the_right_one()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice, RoomVisibility.PasswordProtected, "open sesame");

        As.User(bob);
        await Refused.With(ChatErrorCodes.RoomPasswordRequired, () => Silo.Room(roomId).Join(null));
        await Refused.With(ChatErrorCodes.RoomWrongPassword, () => Silo.Room(roomId).Join("open sesame!"));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).GetHistory(new HistoryQuery()));
        var joined = await Silo.Room(roomId).Join("open sesame");

        Assert.Equal(RoomRole.Member, joined.CallerRole);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_throttled_per_user()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var carol = await Silo.NewUserAsync("carol");
        var roomId = await Silo.NewRoomAsync(alice, RoomVisibility.PasswordProtected, "right one");

        As.User(bob);
        for (var i = 0; i < 5; i++)
        {
            await Refused.With(ChatErrorCodes.RoomWrongPassword, () => Silo.Room(roomId).Join("wrong"));
        }

        await Refused.With(ChatErrorCodes.RoomTooManyAttempts, () => Silo.Room(roomId).Join("right one"));
        As.User(carol);
        await Silo.Room(roomId).Join("right one");
        Silo.Time.Advance(TimeSpan.FromMinutes(1));
        As.User(bob);
        var joined = await Silo.Room(roomId).Join("right one");

        Assert.Equal(RoomRole.Member, joined.CallerRole);
    }

    [Fact]
    public async Task An_invitation_stands_in_for_the_password()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice, RoomVisibility.PasswordProtected, "secret1");

        As.User(alice);
        await Silo.Room(roomId).Invite(bob);
        As.User(bob);
        var joined = await Silo.Room(roomId).Join(null);

        Assert.Equal(RoomRole.Member, joined.CallerRole);
    }

    [Fact]
    public async Task A_banned_user_cannot_rejoin_or_read_until_unbanned()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);

        As.User(alice);
        await Silo.Room(roomId).Ban(bob, null, "spamming");
        As.User(bob);
        await Refused.With(ChatErrorCodes.RoomBanned, () => Silo.Room(roomId).Join(null));
        await Refused.With(ChatErrorCodes.RoomBanned, () => Silo.Room(roomId).GetHistory(new HistoryQuery()));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "still here?")));
        As.User(alice);
        await Silo.Room(roomId).Unban(bob);
        await Refused.With(ChatErrorCodes.RoomNotBanned, () => Silo.Room(roomId).Unban(bob));
        As.User(bob);
        var rejoined = await Silo.Room(roomId).Join(null);

        Assert.Equal(RoomRole.Member, rejoined.CallerRole);
    }

    [Fact]
    public async Task A_ban_with_an_expiry_lapses_when_the_time_has_passed()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);

        As.User(alice);
        await Silo.Room(roomId).Ban(bob, TimeSpan.FromMinutes(10), null);
        var bans = await Silo.Room(roomId).GetBans();
        As.User(bob);
        await Refused.With(ChatErrorCodes.RoomBanned, () => Silo.Room(roomId).Join(null));
        Silo.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var rejoined = await Silo.Room(roomId).Join(null);

        Assert.Equal(bob, Assert.Single(bans).UserId);
        Assert.Equal(RoomRole.Member, rejoined.CallerRole);
    }

    [Fact]
    public async Task The_owner_cannot_leave_without_transferring_ownership_first()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);

        As.User(alice);
        await Refused.With(ChatErrorCodes.RoomOwnerMustTransfer, () => Silo.Room(roomId).Leave());
        await Silo.Room(roomId).TransferOwnership(bob);
        await Silo.Room(roomId).Leave();
        As.User(bob);
        var info = await Silo.Room(roomId).GetInfo();

        Assert.Equal(bob, info.OwnerId);
        Assert.Equal(RoomRole.Owner, info.CallerRole);
        Assert.Equal(1, info.MemberCount);
    }

    [Fact]
    public async Task A_member_who_left_can_no_longer_post()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);

        As.User(bob);
        await Silo.Room(roomId).Leave();

        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Post(new PostMessageRequest("c", "hello?")));
        await Refused.With(ChatErrorCodes.RoomNotMember, () => Silo.Room(roomId).Leave());
    }

    [Fact]
    public async Task A_deleted_room_is_gone_for_users_but_its_history_and_audit_are_retained()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");
        var roomId = await Silo.NewRoomAsync(alice);
        await Silo.JoinAsync(roomId, bob);
        await Silo.Room(roomId).PostAsync(bob, "remember me");
        var observer = Silo.Observer(Ids.New("node"));
        As.User(alice);
        await Silo.Room(roomId).Subscribe(observer);

        As.User(bob);
        await Refused.With(ChatErrorCodes.RoomInsufficientRole, () => Silo.Room(roomId).Delete(null));
        As.User(alice);
        await Silo.Room(roomId).Delete("closing down");

        await Refused.With(ChatErrorCodes.RoomNotFound, () => Silo.Room(roomId).GetInfo());
        As.User(bob);
        await Refused.With(ChatErrorCodes.RoomNotFound, () => Silo.Room(roomId).Join(null));
        await Refused.With(ChatErrorCodes.RoomNotFound, () => Silo.Room(roomId).GetHistory(new HistoryQuery()));
        await Wait.Until(async () => (await observer.Events()).Contains("conversation:Deleted:"), "the observer heard that the room was deleted");
        Assert.Equal([(1L, "remember me")], await Silo.StoredMessagesAsync(ConversationIds.ForRoom(roomId)));
        Assert.Equal(1, await Silo.CountAsync(
            "SELECT count(*) FROM chat_audit_log WHERE conversation_id = $1 AND action = 'room.delete' AND reason = 'closing down'", ConversationIds.ForRoom(roomId)));
        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_room_members WHERE room_id = $1", roomId));
    }

    [Fact]
    public async Task The_directory_lists_public_and_password_rooms_but_not_private_or_deleted_ones()
    {
        var alice = await Silo.NewUserAsync("alice");
        var prefix = Ids.New("dir");
        As.User(alice);
        await Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(prefix + "-public"));
        await Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(prefix + "-locked", Visibility: RoomVisibility.PasswordProtected, Password: "pw12"));
        await Silo.Room(Ids.New("r")).Create(new CreateRoomRequest(prefix + "-private", Visibility: RoomVisibility.Private));
        var deleted = Ids.New("r");
        await Silo.Room(deleted).Create(new CreateRoomRequest(prefix + "-deleted"));
        await Silo.Room(deleted).Delete(null);

        var listed = await Silo.Directory.ListRooms(prefix, null, 50);

        Assert.Equal([prefix + "-locked", prefix + "-public"], listed.Select(r => r.Name));
        await Refused.With(ChatErrorCodes.InvalidPageLimit, () => Silo.Directory.ListRooms(prefix, null, 0));
        await Refused.With(ChatErrorCodes.InvalidName, () => Silo.Directory.ListRooms("%", null, 10));
    }
}
