namespace OrleansChat.LoadTest.Client;

/// <summary>An invocation failed; <see cref="Code"/> is the hub's stable error code or a client-side one.</summary>
internal sealed class HubInvocationException(string target, string code, string message)
    : Exception($"{target} failed: {message}")
{
    public string Target { get; } = target;

    public string Code { get; } = code;
}
