using System.Collections.Concurrent;

namespace OrleansChat.Runtime.Invocation;

/// <summary>
/// Process-wide table of generated interface metadata. Generated code registers itself from a
/// module initializer, so an interface is known as soon as its assembly is loaded.
/// </summary>
public static class GrainInterfaceRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceMetadata> ByType = new();
    private static readonly ConcurrentDictionary<uint, GrainInterfaceMetadata> ById = new();

    /// <summary>Called by generated code.</summary>
    public static void Register(GrainInterfaceMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ByType[metadata.InterfaceType] = metadata;
        if (!ById.TryAdd(metadata.InterfaceId, metadata) && ById[metadata.InterfaceId].InterfaceType != metadata.InterfaceType)
        {
            throw new InvalidOperationException(
                $"Interfaces {ById[metadata.InterfaceId].InterfaceType} and {metadata.InterfaceType} have the same interface id {metadata.InterfaceId}; give one an [Alias].");
        }
    }

    /// <summary>Metadata for an interface type; throws a clear error for a type with no generated code.</summary>
    public static GrainInterfaceMetadata Get(Type interfaceType)
    {
        if (ByType.TryGetValue(interfaceType, out var metadata))
        {
            return metadata;
        }

        // The module initializer runs when the assembly is first touched; make sure it has.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        return ByType.TryGetValue(interfaceType, out metadata)
            ? metadata
            : throw new InvalidOperationException(
                $"No generated proxy for {interfaceType.FullName}. Grain interfaces must extend IGrain or IGrainObserver and their project must reference OrleansChat.Runtime.CodeGenerator as an analyzer.");
    }

    /// <summary>Metadata for an interface id received over the wire, or null.</summary>
    public static GrainInterfaceMetadata? Find(uint interfaceId) => ById.GetValueOrDefault(interfaceId);
}
