using OrleansChat.Grains.Errors;

namespace OrleansChat.Grains.Validation;

/// <summary>
/// User and room names: 3-32 characters of <c>A-Z a-z 0-9 _ . -</c>, starting with a letter or digit.
/// An ASCII alphabet rules out look-alike names (Cyrillic 'а' for Latin 'a'). Names compare
/// case-insensitively through their key (lower case).
/// </summary>
internal static class NameRules
{
    public static bool IsValid(string? name)
    {
        if (name is null || name.Length < ChatLimits.MinNameLength || name.Length > ChatLimits.MaxNameLength || !char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static string Require(string? name, string what)
    {
        if (!IsValid(name))
        {
            throw ChatErrors.Of(
                ChatErrorCodes.InvalidName,
                $"A {what} name must be {ChatLimits.MinNameLength}-{ChatLimits.MaxNameLength} characters of A-Z a-z 0-9 _ . - and start with a letter or digit.");
        }

        return name!;
    }

    /// <summary>The case-insensitive comparison key of a valid name.</summary>
    public static string Key(string name) => name.ToLowerInvariant();
}
