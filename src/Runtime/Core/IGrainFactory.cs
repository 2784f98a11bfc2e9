namespace OrleansChat.Runtime;

/// <summary>Creates grain references. Never performs I/O: the grain is activated by its first call.</summary>
public interface IGrainFactory
{
    /// <summary>A reference to the grain of interface <typeparamref name="TGrainInterface"/> with the given key.</summary>
    /// <exception cref="ArgumentException">The key is empty or longer than 512 bytes.</exception>
    TGrainInterface GetGrain<TGrainInterface>(string primaryKey)
        where TGrainInterface : IGrainWithStringKey;

    /// <summary>A reference to a GUID-keyed grain.</summary>
    TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey)
        where TGrainInterface : IGrainWithGuidKey;

    /// <summary>A reference to an existing grain id as the given interface.</summary>
    TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable;

    /// <summary>
    /// Makes a local object callable by grains (Orleans' CreateObjectReference): the returned
    /// reference can be passed to grains, which call it like a grain. Calls reach the object while
    /// this process is connected; the object is held until <see cref="DeleteObjectReference{T}"/>.
    /// </summary>
    TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver;

    /// <summary>Stops routing calls to an object made callable with <see cref="CreateObjectReference{T}"/>.</summary>
    void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver observer)
        where TGrainObserverInterface : IGrainObserver;
}
