namespace OrleansChat.LoadTest.Protocol;

/// <summary>
/// Extracts the stable code from a hub error (<c>"[room.banned] You are banned…"</c> → <c>room.banned</c>),
/// see docs/hub-protocol.md. Errors without a bracketed code get a generic one, so that results
/// group them without storing every distinct text.
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

        if (error[0] == '[')
        {
            var end = error.IndexOf(']', StringComparison.Ordinal);
            // A code is short and has no spaces; anything else is free text starting with '['.
            if (end > 1 && end <= 64 && error.AsSpan(1, end - 1).IndexOfAny(' ', '\n') < 0)
            {
                return error[1..end];
            }
        }

        if (error.StartsWith("Failed to invoke", StringComparison.Ordinal))
        {
            return "hub.invoke_failed";
        }

        return Unclassified;
    }
}
