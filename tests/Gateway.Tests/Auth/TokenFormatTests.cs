using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Auth.Contracts;

namespace OrleansChat.Gateway.Tests.Auth;

public sealed class TokenFormatTests
{
    [Fact]
    public void Refresh_tokens_round_trip_and_hash_only_the_secret()
    {
        var sessionId = Guid.NewGuid();

        var (token, hash) = RefreshTokens.Create(sessionId);

        Assert.True(RefreshTokens.TryParse(token, out var parsedSession, out var parsedHash));
        Assert.Equal(sessionId, parsedSession);
        Assert.Equal(hash, parsedHash);
        Assert.Equal(32, hash.Length);
        Assert.DoesNotContain(Convert.ToHexStringLower(hash), token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789abcdef0123456789abcdef.")]
    [InlineData("0123456789abcdef0123456789abcdef.c2hvcnQ")]
    [InlineData("0123456789abcdef0123456789abcdeg.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$")]
    public void Malformed_refresh_tokens_do_not_parse(string token)
    {
        Assert.False(RefreshTokens.TryParse(token, out _, out _));
    }

    [Fact]
    public void Request_and_response_records_never_print_secrets()
    {
        var printed = string.Join(
            " | ",
            new SignupRequest("alice", "p4ssword-secret").ToString(),
            new LoginRequest("alice", "p4ssword-secret").ToString(),
            new RefreshRequest("refresh-secret").ToString(),
            new TokenResponse("Bearer", "access-secret", DateTimeOffset.UnixEpoch, 60, "h1.hub-secret", "refresh-secret", DateTimeOffset.UnixEpoch, new UserSummary(Guid.Empty, "alice", false)).ToString());

        Assert.DoesNotContain("p4ssword-secret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("access-secret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("refresh-secret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("hub-secret", printed, StringComparison.Ordinal);
        Assert.Contains("alice", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void Signing_keys_decrypt_only_with_the_same_secret_and_key_id()
    {
        var material = RandomNumberGenerator.GetBytes(64);
        var protector = Protector("first-secret-of-sufficient-length-0000000");
        var blob = protector.Protect("key-1", material);

        Assert.Equal(material, protector.Unprotect("key-1", blob));
        Assert.Equal(material, Protector("first-secret-of-sufficient-length-0000000").Unprotect("key-1", blob));
        Assert.ThrowsAny<CryptographicException>(() => Protector("other-secret-of-sufficient-length-0000000").Unprotect("key-1", blob));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("key-2", blob));
        blob[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect("key-1", blob));
        Assert.False(blob.AsSpan().IndexOf(material.AsSpan(0, 16)) >= 0);
    }

    [Theory]
    [InlineData("203.0.113.9", "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void Client_addresses_group_ipv6_by_64_bit_prefix(string address, string expected)
    {
        Assert.Equal(expected, ClientInfo.DescribeAddress(IPAddress.Parse(address)));
    }

    private static SigningKeyProtector Protector(string secret) =>
        new(Options.Create(new GatewayAuthOptions { SigningSecret = secret }));
}
