using System.Diagnostics.CodeAnalysis;

namespace OrleansChat.Grains.Errors;

/// <summary>
/// A chat operation was refused. <see cref="Code"/> is a stable string from <see cref="ChatErrorCodes"/>
/// (for example <c>room.banned</c>) that clients and the gateway branch on; the message is for people.
/// </summary>
/// <remarks>
/// Exceptions cross grain calls as type name plus message, so the code travels inside the message in
/// the fixed form <c>"[code] detail"</c> and the <see cref="ChatException(string)"/> constructor parses
/// it back. A message without that prefix yields <see cref="ChatErrorCodes.Internal"/>.
/// </remarks>
public sealed class ChatException : Exception
{
    public ChatException()
        : this(Format(ChatErrorCodes.Internal, "The chat operation failed."))
    {
    }

    /// <summary>Rebuilds an error from its formatted message <c>"[code] detail"</c>.</summary>
    public ChatException(string message)
        : this(message, null)
    {
    }

    /// <summary>Rebuilds an error from its formatted message, keeping the cause.</summary>
    public ChatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        (Code, Detail) = Parse(message);
    }

    /// <summary>The stable error code, e.g. <c>room.banned</c>.</summary>
    public string Code { get; }

    /// <summary>The human-readable part of the message, without the code prefix.</summary>
    public string Detail { get; }

    /// <summary>The kind of failure, for mapping to a transport status (HTTP 403, 404, 429, ...).</summary>
    public ChatErrorCategory Category => ChatErrorCodes.CategoryOf(Code);

    /// <summary>Creates an error with <paramref name="code"/> and a human-readable <paramref name="detail"/>.</summary>
    public static ChatException Create(string code, string detail, Exception? innerException = null) =>
        new(Format(code, detail), innerException);

    /// <summary>The wire form of a message: <c>"[code] detail"</c>.</summary>
    public static string Format(string code, string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        if (!ChatErrorCodes.IsWellFormed(code))
        {
            throw new ArgumentException($"'{code}' is not a well-formed error code (lower-case 'area.name').", nameof(code));
        }

        return $"[{code}] {detail}";
    }

    /// <summary>Reads the code out of a formatted message; false when the message has no code prefix.</summary>
    public static bool TryParse(string? message, [NotNullWhen(true)] out string? code, out string detail)
    {
        code = null;
        detail = message ?? string.Empty;
        if (message is null || message.Length < 4 || message[0] != '[')
        {
            return false;
        }

        var end = message.IndexOf(']', StringComparison.Ordinal);
        if (end < 2)
        {
            return false;
        }

        var candidate = message[1..end];
        if (!ChatErrorCodes.IsWellFormed(candidate))
        {
            return false;
        }

        code = candidate;
        detail = message[(end + 1)..].TrimStart();
        return true;
    }

    private static (string Code, string Detail) Parse(string? message) =>
        TryParse(message, out var code, out var detail) ? (code, detail) : (ChatErrorCodes.Internal, detail);
}
