using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Placement;

/// <summary>Answers "does this silo own that grain now?" from the placement view and this silo's address.</summary>
internal sealed class SiloOwnership(PlacementDirector placement)
{
    private volatile bool _leaving;
    private SiloAddress? _self;

    public SiloAddress? Self
    {
        get => _self;
        set => _self = value;
    }

    /// <summary>Set when the silo starts to stop: from then on it owns nothing and refuses new calls.</summary>
    public bool IsLeaving => _leaving;

    public void MarkLeaving() => _leaving = true;

    public bool IsLocal(GrainId grainId) => !_leaving && _self is { } self && placement.Current.Owner(grainId) == self;
}
