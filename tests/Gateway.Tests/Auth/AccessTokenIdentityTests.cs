using System.Security.Claims;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Cluster;

namespace OrleansChat.Gateway.Tests.Auth;

public sealed class AccessTokenIdentityTests
{
    private const string Issuer = "orleanschat";
    private static readonly Guid UserId = Guid.Parse("0b5e4c1e-3a53-4a4e-9f63-2f1d2c3b4a59");
    private static readonly Guid SessionId = Guid.Parse("5d2c7a10-8e4f-4b6a-a1c2-9d8e7f6a5b4c");

    [Fact]
    public void Lists_the_kept_claims_with_their_types_values_and_issuer()
    {
        var identity = Identity(guest: true);

        var claims = identity.Claims.ToArray();

        Assert.Equal([ChatClaims.UserId, ChatClaims.SessionId, ChatClaims.Username, ChatClaims.Guest, "exp"], claims.Select(c => c.Type));
        Assert.Equal(UserId.ToString(), claims[0].Value);
        Assert.Equal(ClaimValueTypes.Boolean, claims[3].ValueType);
        Assert.All(claims, c => Assert.Equal(Issuer, c.Issuer));
        Assert.All(claims, c => Assert.Same(identity, c.Subject));
        Assert.True(identity.IsAuthenticated);
        Assert.Equal(ChatBearerDefaults.Scheme, identity.AuthenticationType);
        Assert.Equal("ada", identity.Name);
    }

    [Fact]
    public void A_principal_over_it_reads_like_one_over_ordinary_claims()
    {
        var principal = new ClaimsPrincipal(Identity(guest: false));

        var who = ChatIdentity.From(principal);

        Assert.Equal(UserId, principal.GetUserId());
        Assert.Equal(SessionId, principal.GetSessionId());
        Assert.False(principal.IsGuest());
        Assert.Equal(new ChatIdentity(UserId.ToString("D"), "ada", false, SessionId), who);
        Assert.Null(principal.FindFirst(ClaimTypes.NameIdentifier));
        Assert.Equal("1900000000", principal.FindFirst("EXP")?.Value);
    }

    [Fact]
    public void Claims_added_later_are_found_and_listed_after_the_kept_ones()
    {
        var identity = Identity(guest: false);

        identity.AddClaim(new Claim("role", "tester"));

        Assert.Equal("tester", identity.FindFirst("role")?.Value);
        Assert.Equal("role", identity.Claims.Last().Type);
        Assert.True(identity.HasClaim("role", "tester"));
    }

    private static AccessTokenIdentity Identity(bool guest)
    {
        List<AccessTokenIdentity.KeptClaim> kept =
        [
            new(ChatClaims.UserId, UserId.ToString(), ClaimValueTypes.String),
            new(ChatClaims.SessionId, SessionId.ToString(), ClaimValueTypes.String),
            new(ChatClaims.Username, "ada", ClaimValueTypes.String),
        ];
        if (guest)
        {
            kept.Add(new(ChatClaims.Guest, "true", ClaimValueTypes.Boolean));
        }

        kept.Add(new("exp", "1900000000", ClaimValueTypes.Integer64));
        return new AccessTokenIdentity([.. kept], Issuer);
    }
}
