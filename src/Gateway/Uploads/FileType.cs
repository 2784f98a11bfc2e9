namespace OrleansChat.Gateway.Uploads;

/// <summary>An allowed file type: its media type, canonical extension, and whether browsers may show it inline.</summary>
public sealed record FileType(string ContentType, string Extension, bool IsImage)
{
    public static readonly FileType Png = new("image/png", ".png", true);
    public static readonly FileType Jpeg = new("image/jpeg", ".jpg", true);
    public static readonly FileType Gif = new("image/gif", ".gif", true);
    public static readonly FileType WebP = new("image/webp", ".webp", true);
    public static readonly FileType Pdf = new("application/pdf", ".pdf", false);
    public static readonly FileType Text = new("text/plain", ".txt", false);
}
