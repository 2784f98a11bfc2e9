using System.Collections.Concurrent;
using System.Reflection;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// Calls <see cref="IGrainFactory.GetGrain{TGrainInterface}(GrainId)"/> for an interface known only at run
/// time (from the interface id on the wire). The generic method is bound once per interface; the
/// interfaces come from the generated registry, so the cache is bounded by the program's interfaces.
/// </summary>
internal static class ReferenceActivator
{
    private static readonly ConcurrentDictionary<Type, Func<IGrainFactory, GrainId, IAddressable>> ByInterface = new();

    private static readonly MethodInfo GetGrainDefinition =
        typeof(ReferenceActivator).GetMethod(nameof(GetGrain), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static IAddressable Create(IGrainFactory factory, Type interfaceType, GrainId grainId) =>
        ByInterface.GetOrAdd(interfaceType, Bind)(factory, grainId);

    private static Func<IGrainFactory, GrainId, IAddressable> Bind(Type interfaceType) =>
        GetGrainDefinition.MakeGenericMethod(interfaceType).CreateDelegate<Func<IGrainFactory, GrainId, IAddressable>>();

    private static IAddressable GetGrain<TInterface>(IGrainFactory factory, GrainId grainId)
        where TInterface : IAddressable => factory.GetGrain<TInterface>(grainId);
}
