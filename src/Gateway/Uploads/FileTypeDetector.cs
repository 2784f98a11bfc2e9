using System.Text;

namespace OrleansChat.Gateway.Uploads;

/// <summary>
/// Decides a file's type from its bytes (magic numbers), against the allowlist PNG, JPEG, GIF,
/// WebP, PDF and plain text. The client's claimed type and file name are never trusted: a file
/// is what its content says, or it is refused.
/// </summary>
/// <remarks>
/// Plain text has no signature, so it must be valid UTF-8 without NUL or control characters
/// (tabs, line breaks and form feeds aside); and text that begins like markup (HTML, SVG, XML)
/// is refused, so that no browser that ignores <c>nosniff</c> can ever render it as a page.
/// </remarks>
public static class FileTypeDetector
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly string[] MarkupStarts = ["<!doctype", "<html", "<head", "<body", "<script", "<svg", "<?xml", "<iframe", "<meta", "<!--", "<img", "<a ", "<div", "<style"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The allowed type of <paramref name="content"/>, or null when it is none of them.</summary>
    public static FileType? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(PngSignature))
        {
            return FileType.Png;
        }

        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return FileType.Jpeg;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return FileType.Gif;
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return FileType.WebP;
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return FileType.Pdf;
        }

        return IsPlainText(content) ? FileType.Text : null;
    }

    /// <summary>Whether a client's claimed media type agrees with the detected type (absent and generic claims agree with anything).</summary>
    public static bool ClaimAgrees(string? claimed, FileType detected)
    {
        if (string.IsNullOrWhiteSpace(claimed))
        {
            return true;
        }

        var mediaType = claimed.Split(';')[0].Trim().ToLowerInvariant();
        return mediaType switch
        {
            "application/octet-stream" => true,
            "image/jpg" or "image/pjpeg" => detected == FileType.Jpeg,
            _ => mediaType == detected.ContentType,
        };
    }

    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f'))
            {
                return false;
            }
        }

        var start = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n', '\f');
        return !MarkupStarts.Any(m => start.StartsWith(m, StringComparison.OrdinalIgnoreCase));
    }
}
