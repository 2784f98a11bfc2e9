using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>A transport stand-in: reports traffic "just now" from every silo while <see cref="TrafficFlowing"/>.</summary>
internal sealed class TestLivenessSource : ISiloLivenessSource
{
    private volatile bool _trafficFlowing = true;

    public bool TrafficFlowing
    {
        get => _trafficFlowing;
        set => _trafficFlowing = value;
    }

    public DateTimeOffset? LastMessageFrom(SiloAddress silo) => _trafficFlowing ? TimeProvider.System.GetUtcNow() : null;
}
