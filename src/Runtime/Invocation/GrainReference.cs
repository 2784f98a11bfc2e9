namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// Base class of generated proxies. A reference is only an address plus the invoker that carries
/// calls; creating one performs no I/O. Two references to the same grain id are equal.
/// </summary>
public abstract class GrainReference : IAddressable, IEquatable<GrainReference>
{
    protected GrainReference(IGrainCallInvoker invoker, GrainId grainId)
    {
        Invoker = invoker;
        GrainId = grainId;
    }

    /// <summary>The grain this reference points at.</summary>
    public GrainId GrainId { get; }

    /// <summary>The id of the interface this proxy implements.</summary>
    public abstract uint InterfaceId { get; }

    /// <summary>Carries this reference's calls.</summary>
    public IGrainCallInvoker Invoker { get; }

    protected Task InvokeAsync(Request request) => Invoker.InvokeAsync(this, request);

    protected Task<TResult> InvokeAsync<TResult>(Request<TResult> request) => Invoker.InvokeAsync(this, request);

    public bool Equals(GrainReference? other) => other is not null && GrainId.Equals(other.GrainId);

    public override bool Equals(object? obj) => obj is GrainReference other && Equals(other);

    public override int GetHashCode() => GrainId.GetHashCode();

    public override string ToString() => GrainId.ToString();
}
