namespace OrleansChat.Runtime;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>; the state is read before activation.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorageName) : Attribute
{
    public const string DefaultStorageName = "Default";

    public string StateName { get; } = stateName;

    public string StorageName { get; } = storageName;
}
