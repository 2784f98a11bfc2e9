namespace OrleansChat.Runtime.Membership;

/// <summary>No evidence beyond the probes: used until a transport provides its own source.</summary>
internal sealed class NullSiloLivenessSource : ISiloLivenessSource
{
    public static NullSiloLivenessSource Instance { get; } = new();

    public DateTimeOffset? LastMessageFrom(SiloAddress silo) => null;
}
