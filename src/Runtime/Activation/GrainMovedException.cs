namespace OrleansChat.Runtime.Activation;

/// <summary>A queued call's activation left because the grain's owner changed; the call is routed again.</summary>
internal sealed class GrainMovedException(GrainId grainId) : Exception($"{grainId} moved to another silo before this call ran.")
{
    public GrainId GrainId { get; } = grainId;
}
