using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using OrleansChat.Runtime.Serialization.Codecs;

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
    /// (e.g. <c>Page&lt;&gt;</c>) gets <paramref name="openGenericCodecType"/> (e.g. <c>Page_Codec&lt;&gt;</c>)
    /// closed over the same type arguments, created once per constructed type when first needed.
    /// </summary>
    /// <exception cref="ArgumentException">Either type is not an open generic type, or the codec type does not implement <see cref="IFieldCodec{T}"/> for the type.</exception>
    public static void RegisterGeneric(Type openGenericType, Type openGenericCodecType)
    {
        ArgumentNullException.ThrowIfNull(openGenericType);
        ArgumentNullException.ThrowIfNull(openGenericCodecType);
        if (!openGenericType.IsGenericTypeDefinition)
        {
            throw new ArgumentException($"{openGenericType} is not an open generic type such as Page<>.", nameof(openGenericType));
        }

        if (!openGenericCodecType.IsGenericTypeDefinition
            || openGenericCodecType.GetGenericArguments().Length != openGenericType.GetGenericArguments().Length)
        {
            throw new ArgumentException(
                $"{openGenericCodecType} must be an open generic type with the same number of type parameters as {openGenericType}.",
                nameof(openGenericCodecType));
        }

        if (!ImplementsCodecFor(openGenericType, openGenericCodecType))
        {
            throw new ArgumentException(
                $"{openGenericCodecType} does not implement IFieldCodec<{openGenericType.Name}> over its own type parameters.",
                nameof(openGenericCodecType));
        }

        RegisteredGeneric[openGenericType] = openGenericCodecType;
    }

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
            var closed = BuiltInCodecs.Instantiate(openCodec.MakeGenericType(typeof(T).GetGenericArguments()));
            return (IFieldCodec<T>)Registered.GetOrAdd(typeof(T), closed);
        }

        return BuiltInCodecs.Create<T>()
            ?? throw new NotSupportedException(
                $"No serializer for {typeof(T).FullName}. Mark it [GenerateSerializer] with [Id] on its members.");
    }

    /// <summary>
    /// What <see cref="Codec{T}"/> caches: the codec, or for a type with none a stand-in that throws the
    /// <see cref="NotSupportedException"/> on every use, so callers see that error and not a
    /// <see cref="TypeInitializationException"/> from the static field.
    /// </summary>
    internal static IFieldCodec<T> ResolveForCache<T>()
    {
        try
        {
            return Resolve<T>();
        }
        catch (NotSupportedException e)
        {
            return new UnsupportedCodec<T>(e.Message);
        }
    }

    private static bool ImplementsCodecFor(Type openGenericType, Type openGenericCodecType)
    {
        Type expected;
        try
        {
            expected = openGenericType.MakeGenericType(openGenericCodecType.GetGenericArguments());
        }
        catch (ArgumentException)
        {
            // The codec's type parameters do not satisfy the type's constraints.
            return false;
        }

        return typeof(IFieldCodec<>).MakeGenericType(expected).IsAssignableFrom(openGenericCodecType);
    }
}
