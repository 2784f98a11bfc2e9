using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;

namespace OrleansChat.Gateway.Accounts;

/// <summary>
/// Password hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> in its V3 format,
/// which since .NET 7 is PBKDF2 with HMAC-SHA512, a 128-bit random salt and a 256-bit subkey,
/// at <see cref="GatewayAuthOptions.PasswordIterationCount"/> iterations (default 210,000, the
/// OWASP floor; the framework's default of 100,000 is too low). Hashes made with fewer
/// iterations or an older PRF verify and report that they need rehashing.
/// </summary>
internal sealed class AccountPasswordHasher
{
    private static readonly Account HashSubject = new(Guid.Empty, "-", false, DateTimeOffset.UnixEpoch);

    private readonly PasswordHasher<Account> _hasher;
    private readonly Lazy<string> _decoyHash;

    public AccountPasswordHasher(IOptions<GatewayAuthOptions> options)
    {
        _hasher = new PasswordHasher<Account>(Options.Create(new PasswordHasherOptions
        {
            CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
            IterationCount = options.Value.PasswordIterationCount,
        }));
        _decoyHash = new Lazy<string>(() => _hasher.HashPassword(HashSubject, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    public string Hash(string password) => _hasher.HashPassword(HashSubject, password);

    /// <summary>Checks <paramref name="password"/> against <paramref name="hash"/> in constant time.</summary>
    public PasswordVerificationResult Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(HashSubject, hash, password);
        }
        catch (FormatException)
        {
            // A corrupt stored hash must not become a 500 that tells the caller the account exists.
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>
    /// Spends the same work as a real verification, for logins naming an unknown account or a
    /// guest, so response times do not reveal which usernames exist.
    /// </summary>
    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(HashSubject, _decoyHash.Value, password);
}
