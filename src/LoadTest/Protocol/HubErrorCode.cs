namespace OrleansChat.LoadTest.Protocol;

/// <summary>
/// Extracts the stable code from a hub error (<c>"[room.banned] You are banned…"</c> → <c>room.banned</c>),
/// see docs/hub-protocol.md. ASP.NET Core SignalR hands a <c>HubException</c> to clients as
/// <c>"An unexpected error occurred invoking 'Send' on the server. HubException: [code] text"</c>, so the
/// bracket is looked for after that marker as well as at the start. Errors without a bracketed code
/// get a generic one, so that results group them without storing every distinct text.
/// </summary>
internal static class HubErrorCode
{
    /// <summary>Code for server errors that carry no bracketed code (e.g. SignalR's generic "An unexpected error occurred…").</summary>
    public const string Unclassified = "hub.unclassified";

    public static string From(string? error)
    {
        if (string.IsNullOrEmpty(error))
        {
            return Unclassified;
        }

        const string Marker = "HubException: ";
        var marker = error.IndexOf(Marker, StringComparison.Ordinal);
        if (TryBracketed(marker >= 0 ? error.AsSpan(marker + Marker.Length) : error, out var code))
        {
            return code;
        }

        if (error.StartsWith("Failed to invoke", StringComparison.Ordinal))
        {
            return "hub.invoke_failed";
        }

        return Unclassified;
    }

    private static bool TryBracketed(ReadOnlySpan<char> text, out string code)
    {
        code = string.Empty;
        if (text.IsEmpty || text[0] != '[')
        {
            return false;
        }

        var end = text.IndexOf(']');
        // A code is short and has no spaces; anything else is free text starting with '['.
        if (end <= 1 || end > 64 || text[1..end].IndexOfAny(' ', '\n') >= 0)
        {
            return false;
        }

        code = text[1..end].ToString();
        return true;
    }
}
