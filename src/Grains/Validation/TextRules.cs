using System.Text;
using OrleansChat.Grains.Errors;

namespace OrleansChat.Grains.Validation;

/// <summary>
/// Server-side rules for free text. Lengths count Unicode code points (an emoji is one), after
/// trimming. Control characters other than newline and tab are refused, as are lone surrogates and
/// the non-characters U+FFFE/U+FFFF; Windows line ends are normalised to '\n' first.
/// </summary>
internal static class TextRules
{
    /// <summary>The trimmed message text, or a coded error.</summary>
    public static string MessageText(string? text, int maxLength = ChatLimits.MaxMessageLength)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            throw ChatErrors.Of(ChatErrorCodes.TextEmpty, "A message needs at least one visible character.");
        }

        // A UTF-16 string has at least as many code units as code points: this bounds the scan cheaply.
        if (normalized.Length > maxLength * 2 || CountCodePoints(normalized) > maxLength)
        {
            throw ChatErrors.Of(ChatErrorCodes.TextTooLong, $"A message may have at most {maxLength} characters.");
        }

        if (!HasOnlyAllowedCharacters(normalized, allowLineBreaks: true))
        {
            throw ChatErrors.Of(ChatErrorCodes.TextCharacters, "The text contains control characters or invalid UTF-16.");
        }

        return normalized;
    }

    /// <summary>Trimmed single-line text of 0..<paramref name="maxLength"/> characters, or <paramref name="code"/>.</summary>
    public static string SingleLine(string? text, int maxLength, string code, string what, bool allowEmpty = true)
    {
        var normalized = (text ?? string.Empty).Trim();
        if ((!allowEmpty && normalized.Length == 0)
            || normalized.Length > maxLength * 2
            || CountCodePoints(normalized) > maxLength
            || !HasOnlyAllowedCharacters(normalized, allowLineBreaks: false))
        {
            throw ChatErrors.Of(code, $"The {what} must be {(allowEmpty ? 0 : 1)}-{maxLength} characters on one line, without control characters.");
        }

        return normalized;
    }

    /// <summary>Trimmed multi-line text of 0..<paramref name="maxLength"/> characters, or <paramref name="code"/>.</summary>
    public static string MultiLine(string? text, int maxLength, string code, string what)
    {
        var normalized = Normalize(text);
        if (normalized.Length > maxLength * 2
            || CountCodePoints(normalized) > maxLength
            || !HasOnlyAllowedCharacters(normalized, allowLineBreaks: true))
        {
            throw ChatErrors.Of(code, $"The {what} must be at most {maxLength} characters, without control characters other than newline and tab.");
        }

        return normalized;
    }

    /// <summary>A reaction: 1-64 UTF-16 units, no whitespace, no control characters.</summary>
    public static string Emoji(string? emoji)
    {
        if (string.IsNullOrEmpty(emoji)
            || emoji.Length > ChatLimits.MaxEmojiLength
            || emoji.Any(char.IsWhiteSpace)
            || !HasOnlyAllowedCharacters(emoji, allowLineBreaks: false))
        {
            throw ChatErrors.Of(ChatErrorCodes.InvalidEmoji, $"A reaction must be 1-{ChatLimits.MaxEmojiLength} characters without spaces or control characters.");
        }

        return emoji;
    }

    /// <summary>True when every character is allowed: no lone surrogate, no control character except (optionally) '\n' and '\t'.</summary>
    public static bool HasOnlyAllowedCharacters(string text, bool allowLineBreaks)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return false;
            }

            if (char.IsLowSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return false;
            }

            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    public static int CountCodePoints(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    private static string Normalize(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        if (text.Contains('\r', StringComparison.Ordinal))
        {
            text = new StringBuilder(text).Replace("\r\n", "\n").ToString();
        }

        return text.Trim();
    }
}
