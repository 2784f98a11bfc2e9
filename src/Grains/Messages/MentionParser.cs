using System.Collections.Immutable;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Finds <c>@username</c> mentions: an '@' at the start or after a character that cannot be part of
/// a name, followed by a valid name (trailing '.' or '-' is punctuation, not name). Returns distinct
/// lower-case names, at most <see cref="ChatLimits.MaxMentions"/>.
/// </summary>
internal static class MentionParser
{
    public static ImmutableArray<string> Parse(string text)
    {
        ImmutableArray<string>.Builder? found = null;
        for (var i = text.IndexOf('@', StringComparison.Ordinal); i >= 0; i = text.IndexOf('@', i + 1))
        {
            if (i > 0 && IsNameChar(text[i - 1]))
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && IsNameChar(text[end]) && end - i <= ChatLimits.MaxNameLength + 1)
            {
                end++;
            }

            var name = text[(i + 1)..end].TrimEnd('.', '-');
            if (!NameRules.IsValid(name))
            {
                continue;
            }

            var key = NameRules.Key(name);
            found ??= ImmutableArray.CreateBuilder<string>();
            if (!found.Contains(key))
            {
                found.Add(key);
                if (found.Count == ChatLimits.MaxMentions)
                {
                    break;
                }
            }
        }

        return found?.ToImmutable() ?? [];
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';
}
