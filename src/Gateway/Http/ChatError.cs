namespace OrleansChat.Gateway.Http;

/// <summary>
/// A refusal with a stable <see cref="Code"/> (see <see cref="ErrorCatalog"/>), returned by
/// services instead of thrown, and turned into a problem-details response at the edge.
/// </summary>
/// <param name="Code">The stable error code, e.g. <c>auth.username_taken</c>.</param>
/// <param name="Detail">A human-readable explanation safe to show the caller (never secrets or internals).</param>
public sealed record ChatError(string Code, string? Detail = null)
{
    /// <summary>How long the caller should wait before retrying; sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Field-level validation messages, keyed by the JSON field name.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}
