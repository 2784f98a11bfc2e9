namespace OrleansChat.LoadTest.Tests.Infrastructure;

/// <summary>
/// Tests that run real hubs and hundreds of connections share two cores with everything else:
/// they run one at a time, so that each gets the machine the way its timeouts assume.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LoopbackCollection
{
    public const string Name = "loopback hubs";
}
