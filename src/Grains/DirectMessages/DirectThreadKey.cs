using System.Diagnostics.CodeAnalysis;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.DirectMessages;

/// <summary>
/// The key of a direct-message thread: the two user ids in ordinal order, joined by ':'. The pair is
/// unordered, so both users reach the same grain whoever starts the thread.
/// </summary>
public static class DirectThreadKey
{
    public static string For(string userId, string otherUserId)
    {
        if (!IdRules.IsValidId(userId) || !IdRules.IsValidId(otherUserId) || userId == otherUserId)
        {
            throw new ArgumentException("A thread needs two different valid user ids.");
        }

        return string.CompareOrdinal(userId, otherUserId) < 0 ? $"{userId}:{otherUserId}" : $"{otherUserId}:{userId}";
    }

    /// <summary>Splits a key into its two user ids (in order); false for anything that is not a canonical key.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? userA, [NotNullWhen(true)] out string? userB)
    {
        userA = userB = null;
        var separator = key?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (separator <= 0)
        {
            return false;
        }

        var a = key![..separator];
        var b = key[(separator + 1)..];
        if (!IdRules.IsValidId(a) || !IdRules.IsValidId(b) || string.CompareOrdinal(a, b) >= 0)
        {
            return false;
        }

        userA = a;
        userB = b;
        return true;
    }
}
