using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// Finds the codec for a type: generated codecs (registered by module initializers), then the
/// built-in codecs for primitives, collections, exceptions and grain references.
/// </summary>
public static class CodecProvider
{
    private static readonly ConcurrentDictionary<Type, object> Registered = new();
    private static readonly ConcurrentDictionary<Type, Type> RegisteredGeneric = new();

    /// <summary>Called by generated code from a module initializer.</summary>
    public static void Register<T>(IFieldCodec<T> codec) => Registered[typeof(T)] = codec;

    /// <summary>
    /// Called by generated code for a generic type: each constructed <paramref name="openGenericType"/>
    /// gets <paramref name="openGenericCodecType"/> closed over the same type arguments.
    /// </summary>
    public static void RegisterGeneric(Type openGenericType, Type openGenericCodecType) => RegisteredGeneric[openGenericType] = openGenericCodecType;

    /// <summary>The codec for <typeparamref name="T"/>; throws <see cref="NotSupportedException"/> naming the type when there is none.</summary>
    public static IFieldCodec<T> Resolve<T>()
    {
        RuntimeHelpers.RunModuleConstructor(typeof(T).Module.ModuleHandle);
        if (Registered.TryGetValue(typeof(T), out var codec))
        {
            return (IFieldCodec<T>)codec;
        }

        if (typeof(T).IsGenericType && RegisteredGeneric.TryGetValue(typeof(T).GetGenericTypeDefinition(), out var openCodec))
        {
            var closed = Activator.CreateInstance(openCodec.MakeGenericType(typeof(T).GetGenericArguments()))!;
            return (IFieldCodec<T>)Registered.GetOrAdd(typeof(T), closed);
        }

        return BuiltInCodecs.Create<T>()
            ?? throw new NotSupportedException(
                $"No serializer for {typeof(T).FullName}. Mark it [GenerateSerializer] with [Id] on its members.");
    }
}
