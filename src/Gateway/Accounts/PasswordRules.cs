using OrleansChat.Gateway.Http;

namespace OrleansChat.Gateway.Accounts;

/// <summary>
/// Passwords: 8 to 256 characters, any characters (NIST SP 800-63B: length, not composition
/// rules), and not the username itself. The upper bound keeps one hash computation cheap to refuse.
/// </summary>
internal static class PasswordRules
{
    public const int MinLength = 8;
    public const int MaxLength = 256;

    public static void Validate(string? password, string? username, ValidationErrors errors, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, "A password is required.");
            return;
        }

        if (password.Length < MinLength)
        {
            errors.Add(field, $"A password has at least {MinLength} characters.");
        }
        else if (password.Length > MaxLength)
        {
            errors.Add(field, $"A password has at most {MaxLength} characters.");
        }
        else if (username is not null && string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(field, "The password must not be the username.");
        }
    }
}
