using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Placement;

namespace OrleansChat.Runtime.Tests.Placement;

/// <summary>The monitor speaks up when the set of Active silos changes, and only then.</summary>
public sealed class ActiveSilosMonitorTests
{
    private static readonly SiloAddress A = new("127.0.0.1", 11111, 1);
    private static readonly SiloAddress B = new("127.0.0.1", 11112, 1);
    private static readonly SiloAddress BRestarted = new("127.0.0.1", 11112, 2);

    [Fact]
    public void A_silo_joining_leaving_or_restarting_is_a_change_a_new_version_with_the_same_silos_is_not()
    {
        var placement = new PlacementDirector();
        placement.Update(new PlacementView(1, [A]));
        var monitor = new ActiveSilosMonitor(placement);
        var changes = 0;
        monitor.ActiveSilosChanged += () => changes++;

        placement.Update(new PlacementView(2, [A]));
        Assert.Equal(0, changes);

        placement.Update(new PlacementView(3, [A, B]));
        Assert.Equal(1, changes);

        placement.Update(new PlacementView(4, [A, BRestarted]));
        Assert.Equal(2, changes);

        placement.Update(new PlacementView(5, [A]));
        Assert.Equal(3, changes);
    }
}
