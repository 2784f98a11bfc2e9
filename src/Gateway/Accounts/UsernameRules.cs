using System.Text.RegularExpressions;
using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Accounts;

/// <summary>
/// Usernames: 3-32 characters from <c>A-Z a-z 0-9 _ . -</c>, unique ignoring case. The prefix
/// <c>guest-</c> is reserved for generated guest names, so a guest can never be mistaken for
/// (or squat the name of) a registered user.
/// </summary>
internal static partial class UsernameRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;
    public const string GuestPrefix = "guest-";

    public static void Validate(string? username, ValidationErrors errors, string field = "username")
    {
        if (string.IsNullOrEmpty(username))
        {
            errors.Add(field, "A username is required.");
            return;
        }

        if (username.Length is < MinLength or > MaxLength)
        {
            errors.Add(field, $"A username has {MinLength} to {MaxLength} characters.");
        }

        if (!Allowed().IsMatch(username))
        {
            errors.Add(field, "A username may contain only letters A-Z, digits, '_', '.' and '-'.");
        }
        else if (username.StartsWith(GuestPrefix, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, $"Usernames starting with '{GuestPrefix}' are reserved for guests.");
        }
    }

    /// <summary>The case-insensitive key (ASCII-only names, so invariant lower-casing is exact).</summary>
    public static string Normalize(string username) => username.ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
