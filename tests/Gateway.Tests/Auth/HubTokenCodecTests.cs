using System.Buffers.Text;
using System.Security.Cryptography;
using OrleansChat.Gateway.Auth;

namespace OrleansChat.Gateway.Tests.Auth;

/// <summary>The hub token's encoding: round trip, MAC, and strict refusal of anything not exactly in the format.</summary>
public sealed class HubTokenCodecTests
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly byte[] MacKey = HubTokenCodec.DeriveKey(RandomNumberGenerator.GetBytes(64));

    private static readonly HubTokenContent Guest = new(
        "0123456789abcdef", Guid.NewGuid(), Guid.NewGuid(), 1_900_000_000, IsGuest: true, "guest-4f9a2c");

    [Fact]
    public void Content_round_trips_and_the_mac_checks_with_the_same_key_only()
    {
        var registered = Guest with { IsGuest = false, Username = "Zoë_名前" };

        foreach (var content in new[] { Guest, registered })
        {
            var token = HubTokenCodec.Encode(content, MacKey);

            Assert.StartsWith("h1.", token, StringComparison.Ordinal);
            Assert.True(HubTokenCodec.TryDecode(token, out var decoded));
            Assert.Equal(content, decoded);
            Assert.True(HubTokenCodec.HasValidMac(token, MacKey));
            Assert.False(HubTokenCodec.HasValidMac(token, HubTokenCodec.DeriveKey(RandomNumberGenerator.GetBytes(64))));
        }
    }

    [Fact]
    public void A_typical_guest_token_is_short()
    {
        var token = HubTokenCodec.Encode(Guest, MacKey);

        Assert.Equal(121, token.Length);
    }

    [Fact]
    public void The_derived_key_is_not_the_signing_key()
    {
        var material = RandomNumberGenerator.GetBytes(64);

        Assert.NotEqual(material, HubTokenCodec.DeriveKey(material));
        Assert.Equal(HubTokenCodec.DeriveKey(material), HubTokenCodec.DeriveKey(material));
    }

    [Fact]
    public void Every_changed_byte_breaks_the_mac()
    {
        var payload = Payload(HubTokenCodec.Encode(Guest, MacKey));

        for (var i = 0; i < payload.Length; i++)
        {
            var changed = (byte[])payload.Clone();
            changed[i] ^= 0x01;
            var token = Token(changed);
            Assert.False(HubTokenCodec.TryDecode(token, out _) && HubTokenCodec.HasValidMac(token, MacKey), $"byte {i} changed and the token still validates");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("h1.")]
    [InlineData("h1")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.c2ln")]
    [InlineData("h1.AAAA=")]
    [InlineData("h1.AAA A")]
    [InlineData("h1.A")]
    [InlineData("h1.////")]
    [InlineData("h1.++++")]
    public void Malformed_text_does_not_decode(string token)
    {
        Assert.False(HubTokenCodec.TryDecode(token, out _));
        Assert.False(HubTokenCodec.HasValidMac(token, MacKey));
    }

    [Fact]
    public void Another_prefix_does_not_decode()
    {
        var token = HubTokenCodec.Encode(Guest, MacKey);

        Assert.False(HubTokenCodec.TryDecode("h2." + token[3..], out _));
        Assert.False(HubTokenCodec.TryDecode("H1." + token[3..], out _));
        Assert.False(HubTokenCodec.TryDecode(token[3..], out _));
    }

    [Fact]
    public void A_non_canonical_last_character_does_not_decode()
    {
        var checkedLengths = 0;
        foreach (var username in new[] { "g", "gg", "ggg" })
        {
            var token = HubTokenCodec.Encode(Guest with { Username = username }, MacKey);
            if (Payload(token).Length % 3 == 0)
            {
                continue;
            }

            // The last character's lowest bit is one of its unused bits: the same bytes, spelled differently.
            var sibling = Alphabet[Alphabet.IndexOf(token[^1], StringComparison.Ordinal) ^ 1];
            Assert.False(HubTokenCodec.TryDecode(token[..^1] + sibling, out _));
            checkedLengths++;
        }

        Assert.Equal(2, checkedLengths);
    }

    [Fact]
    public void Truncated_or_extended_payloads_do_not_decode()
    {
        var payload = Payload(HubTokenCodec.Encode(Guest, MacKey));

        for (var length = 0; length < payload.Length; length++)
        {
            Assert.False(HubTokenCodec.TryDecode(Token(payload[..length]), out _), $"a payload cut to {length} bytes decoded");
        }

        Assert.False(HubTokenCodec.TryDecode(Token([.. payload, 0]), out _));
    }

    [Fact]
    public void Length_fields_out_of_range_or_inconsistent_do_not_decode()
    {
        var payload = Payload(HubTokenCodec.Encode(Guest, MacKey));
        var keyIdLengthAt = 1;
        var usernameLengthAt = 2 + payload[keyIdLengthAt] + 16 + 16 + 8 + 1;
        Assert.Equal(Guest.Username.Length, payload[usernameLengthAt]);

        foreach (var (at, value) in new[] { (usernameLengthAt, 200), (usernameLengthAt, 0), (usernameLengthAt, payload[usernameLengthAt] + 1), (keyIdLengthAt, 0), (keyIdLengthAt, 65) })
        {
            var changed = (byte[])payload.Clone();
            changed[at] = (byte)value;
            Assert.False(HubTokenCodec.TryDecode(Token(changed), out _), $"byte {at} = {value} decoded");
        }
    }

    [Fact]
    public void Other_versions_unknown_flags_and_invalid_utf8_do_not_decode()
    {
        var payload = Payload(HubTokenCodec.Encode(Guest, MacKey));
        var flagsAt = 2 + payload[1] + 16 + 16 + 8;
        var usernameAt = flagsAt + 2;

        var version = (byte[])payload.Clone();
        version[0] = 2;
        var flags = (byte[])payload.Clone();
        flags[flagsAt] = 0x03;
        var utf8 = (byte[])payload.Clone();
        utf8[usernameAt] = 0xFF;

        Assert.False(HubTokenCodec.TryDecode(Token(version), out _));
        Assert.False(HubTokenCodec.TryDecode(Token(flags), out _));
        Assert.False(HubTokenCodec.TryDecode(Token(utf8), out _));
    }

    [Fact]
    public void Oversized_text_is_refused_before_decoding()
    {
        Assert.False(HubTokenCodec.TryDecode("h1." + new string('A', HubTokenCodec.MaxTokenLength), out _));
    }

    [Fact]
    public void Content_outside_the_format_is_not_encoded()
    {
        Assert.Throws<ArgumentException>(() => HubTokenCodec.Encode(Guest with { Username = new string('x', 129) }, MacKey));
        Assert.Throws<ArgumentException>(() => HubTokenCodec.Encode(Guest with { Username = "" }, MacKey));
        Assert.Throws<ArgumentException>(() => HubTokenCodec.Encode(Guest with { KeyId = "" }, MacKey));
        Assert.Throws<ArgumentException>(() => HubTokenCodec.Encode(Guest with { KeyId = "schlüssel" }, MacKey));
    }

    private static byte[] Payload(string token) => Base64Url.DecodeFromChars(token.AsSpan(3));

    private static string Token(byte[] payload) => "h1." + Base64Url.EncodeToString(payload);
}
