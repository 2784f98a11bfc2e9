namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>Test classes that share one <see cref="ChatCluster"/> (silos, database, gateway).</summary>
[CollectionDefinition(Name)]
public sealed class ChatClusterCollection : ICollectionFixture<ChatCluster>
{
    public const string Name = "chat cluster";
}
