namespace OrleansChat.Runtime.Serialization;

/// <summary>What a reader needs from the runtime to rebuild values that point into it (grain and observer references).</summary>
public sealed class SerializerSession(IGrainFactory grainFactory)
{
    public IGrainFactory GrainFactory { get; } = grainFactory;
}
