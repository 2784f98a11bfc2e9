using OrleansChat.Grains.Errors;

namespace OrleansChat.Grains.Validation;

/// <summary>
/// Ids of users, rooms and gateway nodes: 1-64 characters of <c>A-Z a-z 0-9 _ . -</c>. They become
/// grain keys and parts of conversation ids, so ':' (the DM-key separator) is never allowed.
/// </summary>
internal static class IdRules
{
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > ChatLimits.MaxIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsIdChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static string RequireId(string? id, string what)
    {
        if (!IsValidId(id))
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidId, $"The {what} id is not 1-{ChatLimits.MaxIdLength} characters of A-Z a-z 0-9 _ . -.");
        }

        return id!;
    }

    public static string RequireClientMessageId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > ChatLimits.MaxClientMessageIdLength || !IsClientMessageIdText(id))
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidClientMessageId, $"A client message id must be 1-{ChatLimits.MaxClientMessageIdLength} characters of A-Z a-z 0-9 _ . : -.");
        }

        return id;
    }

    // A loop, not LINQ over the string: this runs for every message (LINQ would allocate an enumerator).
    private static bool IsClientMessageIdText(string id)
    {
        foreach (var c in id)
        {
            if (!IsIdChar(c) && c != ':')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
