namespace OrleansChat.Gateway.Http;

/// <summary>Outcome of one <see cref="IReadinessCheck"/>.</summary>
public sealed record ReadinessResult(bool IsReady, string? Reason = null)
{
    public static ReadinessResult Ready { get; } = new(true);

    public static ReadinessResult NotReady(string reason) => new(false, reason);
}
