using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// The hub token's text form: <c>h1.</c> and the base64url (no padding) of
/// <c>version | key id length | key id (ASCII) | user id | session id | expiry (int64 BE unix seconds) | flags | username length | username (UTF-8) | MAC</c>,
/// the ids as 16 big-endian bytes each, the MAC the first 16 bytes of HMAC-SHA256 over everything
/// before it, keyed with the signing key's <see cref="SigningKey.HubTokenKey"/>.
/// </summary>
/// <remarks>
/// Why not a JWT: the hub's URL carries the token, and Kestrel keeps the request target and its
/// query string for the WebSocket's whole life — a ~480-character JWT cost about 2 KB per idle
/// connection (issue 8). This form is about a quarter of that. Decoding is strict: only the
/// canonical encoding of a well-formed payload parses, with no trailing bytes.
/// </remarks>
internal static class HubTokenCodec
{
    /// <summary>Marks a hub token; a JWT starts with <c>eyJ</c> and cannot start with this.</summary>
    public const string Prefix = "h1.";

    public const byte Version = 1;

    public const int MacBytes = 16;

    public const int MaxKeyIdBytes = 64;

    /// <summary>UTF-8 bytes of the longest username (<see cref="Accounts.UsernameRules.MaxLength"/> characters of at most four bytes).</summary>
    public const int MaxUsernameBytes = 128;

    private const byte GuestFlag = 1;
    private const int IdBytes = 16;
    private const int FixedBytes = 1 + 1 + IdBytes + IdBytes + sizeof(long) + 1 + 1;
    private const int MaxPayloadBytes = FixedBytes + MaxKeyIdBytes + MaxUsernameBytes + MacBytes;

    /// <summary>Longer strings are refused before decoding.</summary>
    public const int MaxTokenLength = 3 /* Prefix */ + (MaxPayloadBytes * 4 + 2) / 3;

    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool HasPrefix(string token) => token.StartsWith(Prefix, StringComparison.Ordinal);

    /// <exception cref="ArgumentException">The key id or username does not fit the format.</exception>
    public static string Encode(in HubTokenContent content, ReadOnlySpan<byte> macKey)
    {
        if (content.KeyId.Length is 0 or > MaxKeyIdBytes || !Ascii.IsValid(content.KeyId))
        {
            throw new ArgumentException("The key id must be 1 to 64 ASCII characters.", nameof(content));
        }

        var keyIdLength = content.KeyId.Length;
        var usernameLength = StrictUtf8.GetByteCount(content.Username);
        if (usernameLength is 0 or > MaxUsernameBytes)
        {
            throw new ArgumentException("The username must be 1 to 128 UTF-8 bytes.", nameof(content));
        }

        Span<byte> payload = stackalloc byte[MaxPayloadBytes];
        var at = 0;
        payload[at++] = Version;
        payload[at++] = (byte)keyIdLength;
        at += Encoding.ASCII.GetBytes(content.KeyId, payload[at..]);
        content.UserId.TryWriteBytes(payload.Slice(at, IdBytes), bigEndian: true, out _);
        at += IdBytes;
        content.SessionId.TryWriteBytes(payload.Slice(at, IdBytes), bigEndian: true, out _);
        at += IdBytes;
        BinaryPrimitives.WriteInt64BigEndian(payload[at..], content.ExpiresAtSeconds);
        at += sizeof(long);
        payload[at++] = content.IsGuest ? GuestFlag : (byte)0;
        payload[at++] = (byte)usernameLength;
        at += StrictUtf8.GetBytes(content.Username, payload[at..]);
        Mac(macKey, payload[..at], payload.Slice(at, MacBytes));
        at += MacBytes;
        return string.Concat(Prefix, Base64Url.EncodeToString(payload[..at]));
    }

    /// <summary>
    /// Reads a hub token's content without checking its MAC (the key is looked up by the key id
    /// read here; then <see cref="HasValidMac"/>). False for anything not exactly in the format.
    /// </summary>
    public static bool TryDecode(string token, out HubTokenContent content)
    {
        content = default;
        Span<byte> payload = stackalloc byte[MaxPayloadBytes];
        if (!TryDecodePayload(token, payload, out var length))
        {
            return false;
        }

        payload = payload[..length];
        if (payload.Length < FixedBytes + MacBytes || payload[0] != Version)
        {
            return false;
        }

        var at = 1;
        int keyIdLength = payload[at++];
        if (keyIdLength is 0 or > MaxKeyIdBytes || payload.Length < FixedBytes + keyIdLength + MacBytes)
        {
            return false;
        }

        var keyIdBytes = payload.Slice(at, keyIdLength);
        if (!Ascii.IsValid(keyIdBytes))
        {
            return false;
        }

        at += keyIdLength;
        var userId = new Guid(payload.Slice(at, IdBytes), bigEndian: true);
        at += IdBytes;
        var sessionId = new Guid(payload.Slice(at, IdBytes), bigEndian: true);
        at += IdBytes;
        var expires = BinaryPrimitives.ReadInt64BigEndian(payload[at..]);
        at += sizeof(long);
        var flags = payload[at++];
        int usernameLength = payload[at++];
        if ((flags & ~GuestFlag) != 0 || usernameLength is 0 or > MaxUsernameBytes || payload.Length != at + usernameLength + MacBytes)
        {
            return false;
        }

        string username;
        try
        {
            username = StrictUtf8.GetString(payload.Slice(at, usernameLength));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        content = new HubTokenContent(Encoding.ASCII.GetString(keyIdBytes), userId, sessionId, expires, (flags & GuestFlag) != 0, username);
        return true;
    }

    /// <summary>Whether the MAC of a token that <see cref="TryDecode"/> read is right for <paramref name="macKey"/> (compared in constant time).</summary>
    public static bool HasValidMac(string token, ReadOnlySpan<byte> macKey)
    {
        Span<byte> payload = stackalloc byte[MaxPayloadBytes];
        if (!TryDecodePayload(token, payload, out var length) || length <= MacBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(macKey, payload[..(length - MacBytes)], expected);
        return CryptographicOperations.FixedTimeEquals(expected, payload.Slice(length - MacBytes, MacBytes));
    }

    /// <summary>The hub-token key derived from a ring key's material: never the key a JWT is signed with, so neither MAC can stand in for the other.</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> signingKeyMaterial) =>
        HMACSHA256.HashData(signingKeyMaterial, "orleanschat hub token v1"u8);

    private static void Mac(ReadOnlySpan<byte> macKey, ReadOnlySpan<byte> signed, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(macKey, signed, full);
        full[..MacBytes].CopyTo(destination);
    }

    /// <summary>Base64url without padding, in the alphabet only, and canonical (the unused low bits of the last character zero).</summary>
    private static bool TryDecodePayload(string token, Span<byte> destination, out int length)
    {
        length = 0;
        if (token.Length > MaxTokenLength || !HasPrefix(token))
        {
            return false;
        }

        var encoded = token.AsSpan(Prefix.Length);
        if (encoded.Length == 0 || encoded.Length % 4 == 1 || encoded.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return false;
        }

        // The decoder also refuses a last character with unused bits set (HubTokenCodecTests checks it).
        return Base64Url.DecodeFromChars(encoded, destination, out var consumed, out length) == OperationStatus.Done
            && consumed == encoded.Length;
    }
}
