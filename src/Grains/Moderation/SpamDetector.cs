using System.Text;

namespace OrleansChat.Grains.Moderation;

/// <summary>
/// Repeated-text detection per user in one conversation: the same text (compared ignoring case and
/// runs of whitespace) may appear at most <see cref="SpamOptions.MaxRepeats"/> times within
/// <see cref="SpamOptions.Window"/>. A client retry (same client message id) is not a repeat.
/// </summary>
internal sealed class SpamDetector(SpamOptions options)
{
    private const int MaxRemembered = 16;
    private const int PruneThreshold = 1_024;
    private readonly Dictionary<string, List<Entry>> _recent = new(StringComparer.Ordinal);

    /// <summary>True when the message is allowed (and is remembered); false when it is spam.</summary>
    public bool TryRecord(string userId, string text, string clientMessageId, DateTimeOffset now)
    {
        if (_recent.Count > PruneThreshold)
        {
            Prune(now);
        }

        var key = Normalize(text);
        if (!_recent.TryGetValue(userId, out var entries))
        {
            entries = [];
            _recent[userId] = entries;
        }

        RemoveExpired(entries, now);
        var repeats = 0;
        foreach (var entry in entries)
        {
            if (entry.Text == key && entry.ClientMessageId != clientMessageId)
            {
                repeats++;
            }
        }

        if (repeats >= options.MaxRepeats)
        {
            return false;
        }

        if (entries.Count == MaxRemembered)
        {
            entries.RemoveAt(0);
        }

        entries.Add(new Entry(key, clientMessageId, now));
        return true;
    }

    internal static string Normalize(string text)
    {
        if (IsNormalized(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    // Most messages are already lower case with single spaces: checked without allocating a copy.
    private static bool IsNormalized(string text)
    {
        var afterSpace = true;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (afterSpace)
                {
                    return false;
                }

                afterSpace = true;
            }
            else if (char.IsWhiteSpace(c) || char.ToLowerInvariant(c) != c)
            {
                return false;
            }
            else
            {
                afterSpace = false;
            }
        }

        return text.Length == 0 || !afterSpace;
    }

    // A loop, not RemoveAll with a lambda: this runs for every message, and the lambda would capture (allocate) each time.
    private void RemoveExpired(List<Entry> entries, DateTimeOffset now)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (now - entries[i].At >= options.Window)
            {
                entries.RemoveAt(i);
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (user, entries) in _recent)
        {
            RemoveExpired(entries, now);
            if (entries.Count == 0)
            {
                _recent.Remove(user);
            }
        }
    }

    private readonly record struct Entry(string Text, string ClientMessageId, DateTimeOffset At);
}
