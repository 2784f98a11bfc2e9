namespace OrleansChat.Gateway.Api;

/// <summary>Shape checks for ids in paths (the grains check them again; this keeps oversized keys out of grain references).</summary>
internal static class ApiIds
{
    public const int MaxLength = 64;

    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
