namespace OrleansChat.Runtime.Observers;

/// <summary>The identity of this process for observer routing: a silo's address or a client's id.</summary>
internal sealed class LocalHost(string id)
{
    public string Id { get; } = id;
}
