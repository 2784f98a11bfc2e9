using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Grains.Security;

/// <summary>
/// Hashes room passwords with PBKDF2-HMAC-SHA512 (OWASP: at least 210,000 iterations) and a random
/// 16-byte salt, stored as <c>pbkdf2-sha512$iterations$salt$hash</c> (base64). The iteration count is
/// stored with each hash, so raising it later keeps old hashes verifiable. Hashing is CPU-bound
/// (about 0.1 s), so it runs on the thread pool, not on a grain's turn.
/// </summary>
internal sealed class RoomPasswordHasher(IOptions<ChatOptions> options)
{
    private const string Scheme = "pbkdf2-sha512";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public Task<string> HashAsync(string password) => Task.Run(() => Hash(password));

    public Task<bool> VerifyAsync(string password, string stored) => Task.Run(() => Verify(password, stored));

    public string Hash(string password)
    {
        var iterations = options.Value.PasswordIterations;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations <= 0)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
