using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Tests.Infrastructure;
using OrleansChat.Grains.Users;

namespace OrleansChat.Grains.Tests.Users;

/// <summary>Registration, profiles and the user directory.</summary>
public sealed class AccountTests(ChatFixture fixture) : IClassFixture<ChatFixture>
{
    private ChatSilo Silo => fixture.Silo;

    [Fact]
    public async Task A_user_registers_once_with_a_unique_case_insensitive_username()
    {
        var userId = Ids.New("u");
        var name = Ids.New("Zed");

        As.User(userId);
        var profile = await Silo.User(userId).Register(new RegisterUserRequest(name, "Zed Zedson"));
        await Refused.With(ChatErrorCodes.UserAlreadyRegistered, () => Silo.User(userId).Register(new RegisterUserRequest(Ids.New("other"), "Again")));
        var other = Ids.New("u");
        As.User(other);
        await Refused.With(ChatErrorCodes.UserNameTaken, () => Silo.User(other).Register(new RegisterUserRequest(name.ToLowerInvariant(), "Copycat")));

        Assert.Equal((name, "Zed Zedson", false, PresenceStatus.Offline), (profile.Username, profile.DisplayName, profile.IsGuest, profile.Presence));
        Assert.Equal(userId, (await Silo.Directory.FindUserByName(name.ToUpperInvariant()))!.UserId);
    }

    [Fact]
    public async Task Nobody_registers_or_edits_an_account_for_someone_else()
    {
        var alice = await Silo.NewUserAsync("alice");
        var victim = Ids.New("victim");

        As.User(alice);
        await Refused.With(ChatErrorCodes.AuthForbidden, () => Silo.User(victim).Register(new RegisterUserRequest(Ids.New("v"), "Victim")));
        var bob = await Silo.NewUserAsync("bob");
        As.User(alice);
        await Refused.With(ChatErrorCodes.AuthForbidden, () => Silo.User(bob).UpdateProfile(new UpdateProfileRequest(DisplayName: "hacked")));
        await Refused.With(ChatErrorCodes.AuthForbidden, () => Silo.User(bob).GetNotifications(new()));
        await Refused.With(ChatErrorCodes.AuthForbidden, () => Silo.User(bob).GetFriends());
        await Refused.With(ChatErrorCodes.AuthForbidden, () => Silo.User(bob).ReportPresence("node-1", 1, 0));
        As.Nobody();
        await Refused.With(ChatErrorCodes.AuthRequired, () => Silo.User(bob).GetProfile());
    }

    [Theory]
    [InlineData("x", "Name", ChatErrorCodes.InvalidName)]
    [InlineData("valid_name", "", ChatErrorCodes.InvalidDisplayName)]
    [InlineData("valid_name", "two\nlines", ChatErrorCodes.InvalidDisplayName)]
    public async Task Invalid_registrations_are_refused_and_nothing_is_stored(string username, string displayName, string code)
    {
        var userId = Ids.New("u");

        As.User(userId);
        await Refused.With(code, () => Silo.User(userId).Register(new RegisterUserRequest(username, displayName)));

        Assert.Equal(0, await Silo.CountAsync("SELECT count(*) FROM chat_users WHERE user_id = $1", userId));
    }

    [Fact]
    public async Task A_profile_is_updated_field_by_field_and_read_by_anyone()
    {
        var alice = await Silo.NewUserAsync("alice");
        var bob = await Silo.NewUserAsync("bob");

        As.User(alice);
        await Silo.User(alice).UpdateProfile(new UpdateProfileRequest(DisplayName: "Alice A.", AvatarUrl: "https://cdn.example.com/alice.png", Bio: "Hi!\nI chat."));
        await Silo.User(alice).UpdateProfile(new UpdateProfileRequest(Bio: ""));
        await Refused.With(ChatErrorCodes.InvalidAvatarUrl, () => Silo.User(alice).UpdateProfile(new UpdateProfileRequest(AvatarUrl: "http://plain.example.com/a.png")));
        await Refused.With(ChatErrorCodes.InvalidBio, () => Silo.User(alice).UpdateProfile(new UpdateProfileRequest(Bio: new string('b', 1001))));
        As.User(bob);
        var seen = await Silo.User(alice).GetProfile();

        Assert.Equal(("Alice A.", "https://cdn.example.com/alice.png", null), (seen.DisplayName, seen.AvatarUrl, seen.Bio));
        await Refused.With(ChatErrorCodes.UserNotFound, () => Silo.User(Ids.New("ghost")).GetProfile());
    }

    [Fact]
    public async Task User_search_finds_registered_users_by_prefix_but_not_guests()
    {
        var prefix = Ids.New("find");
        foreach (var suffix in new[] { "a", "b" })
        {
            var userId = Ids.New("u");
            As.User(userId);
            await Silo.User(userId).Register(new RegisterUserRequest(prefix + suffix, suffix));
        }

        var guest = Ids.New("g");
        As.Guest(guest);
        await Silo.User(guest).Register(new RegisterUserRequest(prefix + "guest", "guest"));

        var found = await Silo.Directory.FindUsers(prefix, 10);

        Assert.Equal([prefix + "a", prefix + "b"], found.Select(u => u.Username));
    }
}
