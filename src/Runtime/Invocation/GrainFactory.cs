using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Observers;

namespace OrleansChat.Runtime.Invocation;

/// <summary>Creates grain references: validates the key, names the grain type, builds the generated proxy. No I/O.</summary>
internal sealed class GrainFactory(GrainClassRegistry registry, IGrainCallInvoker invoker, ObserverRegistry observers) : IGrainFactory
{
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey
    {
        GrainId.ValidateKey(primaryKey);
        return Create<TGrainInterface>(new GrainId(registry.GetGrainType(typeof(TGrainInterface)), primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(new GrainId(registry.GetGrainType(typeof(TGrainInterface)), primaryKey.ToString("N")));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable
    {
        if (grainId.IsDefault)
        {
            throw new ArgumentException("A default GrainId names no grain.", nameof(grainId));
        }

        return Create<TGrainInterface>(grainId);
    }

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver
    {
        if (observer is not TGrainObserverInterface)
        {
            throw new ArgumentException($"The object does not implement {typeof(TGrainObserverInterface).FullName}.", nameof(observer));
        }

        return Create<TGrainObserverInterface>(observers.Register(observer));
    }

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver => observers.Unregister(observer);

    private TGrainInterface Create<TGrainInterface>(GrainId grainId) =>
        (TGrainInterface)(object)ProxyMetadata<TGrainInterface>.Value.CreateReference(invoker, grainId);

    // One dictionary lookup per interface for the process's life, not one per GetGrain.
    private static class ProxyMetadata<TGrainInterface>
    {
        public static readonly GrainInterfaceMetadata Value = GrainInterfaceRegistry.Get(typeof(TGrainInterface));
    }
}
