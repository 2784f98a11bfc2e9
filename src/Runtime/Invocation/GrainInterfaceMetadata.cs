namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// What the code generator knows about one grain or observer interface: its stable id, a proxy
/// factory, and a request factory per method (used to decode calls that arrive over the wire).
/// </summary>
public abstract class GrainInterfaceMetadata
{
    /// <summary>The interface type.</summary>
    public abstract Type InterfaceType { get; }

    /// <summary>Stable id: FNV-1a (32-bit) of the [Alias] value, or of the interface's full name without generic arity noise.</summary>
    public abstract uint InterfaceId { get; }

    /// <summary>Number of methods declared by this interface (not inherited).</summary>
    public abstract int MethodCount { get; }

    /// <summary>Creates a proxy implementing <see cref="InterfaceType"/>.</summary>
    public abstract GrainReference CreateReference(IGrainCallInvoker invoker, GrainId grainId);

    /// <summary>Creates an empty request for method <paramref name="methodId"/>, or null when out of range.</summary>
    public abstract Request? CreateRequest(int methodId);
}
