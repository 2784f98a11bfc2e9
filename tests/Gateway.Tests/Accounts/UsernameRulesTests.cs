using OrleansChat.Gateway.Accounts;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Tests.Accounts;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("A.b-c_9")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    [InlineData("guest")]
    [InlineData("guests-club")]
    public void Valid_usernames_pass(string username)
    {
        var errors = new ValidationErrors();

        UsernameRules.Validate(username, errors);

        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("a b c")]
    [InlineData("abc\u0000")]
    [InlineData("ab\u200Bc")]
    [InlineData("Guest-abcdef")]
    [InlineData("аdmin")]
    public void Invalid_usernames_fail(string username)
    {
        var errors = new ValidationErrors();

        UsernameRules.Validate(username, errors);

        Assert.False(errors.IsEmpty);
    }

    [Fact]
    public void Generated_guest_names_are_reserved_and_well_formed()
    {
        var name = GuestNames.Generate();

        Assert.Matches("^guest-[0-9a-f]{6}$", name);
        var errors = new ValidationErrors();
        UsernameRules.Validate(name, errors);
        Assert.False(errors.IsEmpty);
    }
}
