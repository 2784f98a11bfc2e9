namespace OrleansChat.Gateway.Http;

/// <summary>Body of <c>/healthz</c> and <c>/readyz</c>.</summary>
/// <param name="Status"><c>alive</c>, <c>ready</c> or <c>not_ready</c>.</param>
/// <param name="Checks">Per readiness check: <c>ready</c> or why not (only on <c>/readyz</c>).</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, string>? Checks);
