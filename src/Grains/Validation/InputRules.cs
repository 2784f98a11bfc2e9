using OrleansChat.Grains.Errors;

namespace OrleansChat.Grains.Validation;

/// <summary>Rules for the smaller inputs: durations, reasons, passwords, page limits, avatar URLs.</summary>
internal static class InputRules
{
    public static TimeSpan Duration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero || duration > ChatLimits.MaxDuration)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidDuration, "A duration must be positive and at most a year.");
        }

        return duration;
    }

    public static string? Reason(string? reason)
    {
        var text = TextRules.SingleLine(reason, ChatLimits.MaxReasonLength, ChatErrorCodes.InvalidReason, "reason");
        return text.Length == 0 ? null : text;
    }

    public static string Password(string? password)
    {
        if (password is null
            || password.Length < ChatLimits.MinPasswordLength
            || password.Length > ChatLimits.MaxPasswordLength
            || !TextRules.HasOnlyAllowedCharacters(password, allowLineBreaks: false))
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidPassword, $"A room password must be {ChatLimits.MinPasswordLength}-{ChatLimits.MaxPasswordLength} characters without control characters.");
        }

        return password;
    }

    public static int PageLimit(int limit)
    {
        if (limit is < 1 or > ChatLimits.MaxPageSize)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidPageLimit, $"A page limit must be between 1 and {ChatLimits.MaxPageSize}.");
        }

        return limit;
    }

    /// <summary>Null or empty clears the avatar; otherwise an absolute https URL or a server path ("/uploads/...").</summary>
    public static string? AvatarUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        var valid = url.Length <= ChatLimits.MaxAvatarUrlLength
            && !url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
                || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));
        if (!valid)
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidAvatarUrl, "An avatar must be an https URL or a path on this server.");
        }

        return url;
    }
}
