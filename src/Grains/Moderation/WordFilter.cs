using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Grains.Moderation;

/// <summary>
/// The configured word filter: whole words, case-insensitive. Built once (one regular expression
/// for all words, with a match timeout so hostile input cannot stall a grain).
/// </summary>
internal sealed class WordFilter
{
    private readonly Regex? _pattern;
    private readonly WordFilterMode _mode;

    public WordFilter(IOptions<ChatOptions> options)
        : this(options.Value.WordFilter.Words, options.Value.WordFilter.Mode)
    {
    }

    public WordFilter(IEnumerable<string> words, WordFilterMode mode)
    {
        _mode = mode;
        var alternatives = words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => Regex.Escape(w.Trim())).Distinct().ToArray();
        if (alternatives.Length > 0)
        {
            // Word boundaries by letters and digits of any script, not \b, so that words ending in punctuation work too.
            _pattern = new Regex(
                $@"(?<![\p{{L}}\p{{N}}_])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}_])",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
                TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>The text with blocked words masked; throws <c>message.filtered</c> in reject mode.</summary>
    public string Apply(string text)
    {
        if (_pattern is null)
        {
            return text;
        }

        bool matched;
        try
        {
            matched = _pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // Unreasonably expensive input is refused rather than let through unchecked.
            throw ChatErrors.Of(ChatErrorCodes.MessageFiltered, "The text could not be checked by the content filter.");
        }

        if (!matched)
        {
            return text;
        }

        if (_mode == WordFilterMode.Reject)
        {
            throw ChatErrors.Of(ChatErrorCodes.MessageFiltered, "The text contains a word that is not allowed here.");
        }

        return _pattern.Replace(text, static m => Mask(m.Value));
    }

    private static string Mask(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            builder.Append(char.IsWhiteSpace(c) ? c : '*');
        }

        return builder.ToString();
    }
}
