using System.Buffers.Text;
using System.Diagnostics;

namespace OrleansChat.LoadTest.Measurement;

/// <summary>
/// The send time travels inside the message text: <c>lt:&lt;stopwatch ticks&gt;:&lt;sender&gt;:</c>
/// followed by padding up to the requested size. Stopwatch ticks come from the monotonic clock,
/// which every process on one machine shares, so several load-generator processes can measure
/// each other's messages. The stamp is the <em>intended</em> send time from the pacer, so a
/// generator that falls behind its schedule shows up as latency instead of hiding it
/// (no coordinated omission).
/// </summary>
internal static class LatencyStamp
{
    /// <summary>Shortest text that holds a stamp.</summary>
    public const int MinimumLength = 48;

    private static ReadOnlySpan<byte> Prefix => "lt:"u8;

    /// <summary>Writes a stamped text of exactly <paramref name="destination"/>.Length bytes (at least <see cref="MinimumLength"/>).</summary>
    public static void Write(Span<byte> destination, long timestamp, int sender)
    {
        if (destination.Length < MinimumLength)
        {
            throw new ArgumentException($"A stamped text needs at least {MinimumLength} bytes.", nameof(destination));
        }

        Prefix.CopyTo(destination);
        var position = Prefix.Length;
        Utf8Formatter.TryFormat(timestamp, destination[position..], out var written);
        position += written;
        destination[position++] = (byte)':';
        Utf8Formatter.TryFormat(sender, destination[position..], out written);
        position += written;
        destination[position++] = (byte)':';
        destination[position..].Fill((byte)'x');
    }

    /// <summary>Reads the timestamp and sender from a stamped text; false for any other text.</summary>
    public static bool TryRead(ReadOnlySpan<byte> text, out long timestamp, out int sender)
    {
        timestamp = 0;
        sender = -1;
        if (!text.StartsWith(Prefix))
        {
            return false;
        }

        text = text[Prefix.Length..];
        if (!Utf8Parser.TryParse(text, out timestamp, out var used) || used >= text.Length || text[used] != (byte)':')
        {
            return false;
        }

        text = text[(used + 1)..];
        return Utf8Parser.TryParse(text, out sender, out used) && used < text.Length && text[used] == (byte)':';
    }

    /// <summary>Microseconds from <paramref name="timestamp"/> to <paramref name="now"/> (both <see cref="Stopwatch"/> ticks).</summary>
    public static long Microseconds(long timestamp, long now) =>
        (long)((now - timestamp) * (1_000_000.0 / Stopwatch.Frequency));
}
