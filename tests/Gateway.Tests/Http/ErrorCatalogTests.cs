using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Tests.Http;

public sealed class ErrorCatalogTests
{
    [Theory]
    [InlineData("request.invalid", 400)]
    [InlineData("auth.invalid_credentials", 401)]
    [InlineData("auth.token_expired", 401)]
    [InlineData("auth.session_revoked", 401)]
    [InlineData("auth.guest_forbidden", 403)]
    [InlineData("auth.username_taken", 409)]
    [InlineData("auth.throttled", 429)]
    [InlineData("auth.unavailable", 503)]
    [InlineData("room.banned", 403)]
    [InlineData("room.not_found", 404)]
    [InlineData("room.wrong_password", 403)]
    [InlineData("message.rate_limited", 429)]
    [InlineData("message.too_long", 400)]
    [InlineData("user.blocked", 403)]
    public void Catalogued_codes_have_their_statuses(string code, int status)
    {
        Assert.Equal(status, ErrorCatalog.Describe(code).Status);
    }

    [Theory]
    [InlineData("poll.not_found", 404)]
    [InlineData("poll.forbidden", 403)]
    [InlineData("reaction.rate_limited", 429)]
    [InlineData("channel.name_taken", 409)]
    [InlineData("avatar.too_large", 413)]
    [InlineData("poll.closed", 400)]
    public void Uncatalogued_codes_fall_back_on_their_suffix_and_never_to_a_server_error(string code, int status)
    {
        Assert.Equal(status, ErrorCatalog.Describe(code).Status);
    }

    [Fact]
    public void Every_catalogued_code_is_well_formed_with_an_error_status_and_a_title()
    {
        Assert.All(ErrorCatalog.All, d =>
        {
            Assert.Matches("^[a-z]+\\.[a-z_]+$", d.Code);
            Assert.InRange(d.Status, 400, 599);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
        });
        Assert.Equal(ErrorCatalog.All.Count(), ErrorCatalog.All.Select(d => d.Code).Distinct().Count());
    }

    [Fact]
    public void Every_gateway_code_constant_is_catalogued()
    {
        var constants = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!);

        Assert.All(constants, code => Assert.Contains(ErrorCatalog.All, d => d.Code == code));
    }
}
