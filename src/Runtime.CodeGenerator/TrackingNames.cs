namespace OrleansChat.Runtime.CodeGenerator;

/// <summary>Names of pipeline steps, so tests can check that unchanged input is served from the cache.</summary>
public static class TrackingNames
{
    public const string GrainInterfaces = nameof(GrainInterfaces);

    public const string SerializableTypes = nameof(SerializableTypes);
}
