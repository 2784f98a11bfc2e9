using System.Text.Json;

namespace OrleansChat.LoadTest.Client;

/// <summary>The answer to an invocation awaited as a task.</summary>
/// <param name="Result">The raw JSON result (null for a void method or on error).</param>
/// <param name="Error">The server's error text, or a client-side failure's message.</param>
/// <param name="Code">The stable error code (see docs/hub-protocol.md), or null on success.</param>
/// <param name="StreamItems">Stream items received before the completion (streaming invocations only).</param>
internal sealed record HubCompletion(byte[]? Result, string? Error, string? Code, IReadOnlyList<byte[]> StreamItems)
{
    public bool Succeeded => Code is null;

    /// <exception cref="HubInvocationException">The invocation failed.</exception>
    public HubCompletion EnsureSuccess(string target) =>
        Succeeded ? this : throw new HubInvocationException(target, Code!, Error ?? Code!);

    public JsonDocument ResultDocument() => JsonDocument.Parse(Result ?? "null"u8.ToArray());
}
