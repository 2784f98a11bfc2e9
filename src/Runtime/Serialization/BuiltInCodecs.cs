using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.ExceptionServices;
using OrleansChat.Runtime.Invocation;
using OrleansChat.Runtime.Serialization.Codecs;

namespace OrleansChat.Runtime.Serialization;

/// <summary>
/// Codecs for types the runtime knows without generated code. Generic codecs are closed by reflection,
/// once per constructed type (the result is cached in <see cref="Codec{T}"/>), never per value.
/// </summary>
internal static class BuiltInCodecs
{
    private static readonly Dictionary<Type, Func<object>> Simple = new()
    {
        [typeof(bool)] = static () => new BoolCodec(),
        [typeof(byte)] = static () => new ByteCodec(),
        [typeof(sbyte)] = static () => new SByteCodec(),
        [typeof(short)] = static () => new Int16Codec(),
        [typeof(ushort)] = static () => new UInt16Codec(),
        [typeof(int)] = static () => new Int32Codec(),
        [typeof(uint)] = static () => new UInt32Codec(),
        [typeof(long)] = static () => new Int64Codec(),
        [typeof(ulong)] = static () => new UInt64Codec(),
        [typeof(char)] = static () => new CharCodec(),
        [typeof(float)] = static () => new SingleCodec(),
        [typeof(double)] = static () => new DoubleCodec(),
        [typeof(decimal)] = static () => new DecimalCodec(),
        [typeof(string)] = static () => new StringCodec(),
        [typeof(Guid)] = static () => new GuidCodec(),
        [typeof(DateTime)] = static () => new DateTimeCodec(),
        [typeof(DateTimeOffset)] = static () => new DateTimeOffsetCodec(),
        [typeof(TimeSpan)] = static () => new TimeSpanCodec(),
        [typeof(DateOnly)] = static () => new DateOnlyCodec(),
        [typeof(TimeOnly)] = static () => new TimeOnlyCodec(),
        [typeof(byte[])] = static () => new ByteArrayCodec(),
        [typeof(ReadOnlyMemory<byte>)] = static () => new ByteMemoryCodec(),
    };

    // Codec type parameters are the type's own type arguments.
    private static readonly Dictionary<Type, Type> Generic = new()
    {
        [typeof(Nullable<>)] = typeof(NullableCodec<>),
        [typeof(List<>)] = typeof(ListCodec<>),
        [typeof(HashSet<>)] = typeof(HashSetCodec<>),
        [typeof(Dictionary<,>)] = typeof(DictionaryCodec<,>),
        [typeof(KeyValuePair<,>)] = typeof(KeyValuePairCodec<,>),
        [typeof(ImmutableArray<>)] = typeof(ImmutableArrayCodec<>),
        [typeof(ImmutableList<>)] = typeof(ImmutableListCodec<>),
        [typeof(ImmutableDictionary<,>)] = typeof(ImmutableDictionaryCodec<,>),
        [typeof(ValueTuple<,>)] = typeof(ValueTuple2Codec<,>),
        [typeof(ValueTuple<,,>)] = typeof(ValueTuple3Codec<,,>),
    };

    // Codec type parameters are the interface itself, then its type arguments.
    private static readonly Dictionary<Type, Type> Interfaces = new()
    {
        [typeof(IEnumerable<>)] = typeof(ListInterfaceCodec<,>),
        [typeof(ICollection<>)] = typeof(ListInterfaceCodec<,>),
        [typeof(IList<>)] = typeof(ListInterfaceCodec<,>),
        [typeof(IReadOnlyCollection<>)] = typeof(ListInterfaceCodec<,>),
        [typeof(IReadOnlyList<>)] = typeof(ListInterfaceCodec<,>),
        [typeof(ISet<>)] = typeof(SetInterfaceCodec<,>),
        [typeof(IReadOnlySet<>)] = typeof(SetInterfaceCodec<,>),
        [typeof(IDictionary<,>)] = typeof(DictionaryInterfaceCodec<,,>),
        [typeof(IReadOnlyDictionary<,>)] = typeof(DictionaryInterfaceCodec<,,>),
    };

    private static readonly MethodInfo ResolveDefinition = typeof(CodecProvider).GetMethod(nameof(CodecProvider.Resolve))!;

    /// <summary>A built-in codec for <typeparamref name="T"/>, or null.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is <see cref="object"/>, or a collection of a type with no codec.</exception>
    public static IFieldCodec<T>? Create<T>() => (IFieldCodec<T>?)Create(typeof(T));

    /// <summary>Creates a closed codec type, surfacing its constructor's own exception rather than a <see cref="TargetInvocationException"/>.</summary>
    internal static object Instantiate(Type closedCodecType)
    {
        try
        {
            return Activator.CreateInstance(closedCodecType)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }

    private static object? Create(Type type)
    {
        if (type == typeof(object))
        {
            throw new NotSupportedException(
                "No serializer for System.Object: the wire format carries no type names for ordinary values, so a reader "
                + "could not know what to build from a field declared as object. Declare the field, parameter or "
                + "collection with a concrete type (or a [GenerateSerializer] type).");
        }

        if (Simple.TryGetValue(type, out var factory))
        {
            return factory();
        }

        if (type.IsEnum)
        {
            return Instantiate(typeof(EnumCodec<>).MakeGenericType(type));
        }

        if (typeof(Exception).IsAssignableFrom(type))
        {
            return Instantiate(typeof(ExceptionCodec<>).MakeGenericType(type));
        }

        if ((type.IsInterface && typeof(IAddressable).IsAssignableFrom(type)) || typeof(GrainReference).IsAssignableFrom(type))
        {
            return Instantiate(typeof(GrainReferenceCodec<>).MakeGenericType(type));
        }

        if (type.IsSZArray)
        {
            return Compose(type, typeof(ArrayCodec<>), [type.GetElementType()!], [type.GetElementType()!]);
        }

        if (!type.IsGenericType || type.ContainsGenericParameters)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        if (Generic.TryGetValue(definition, out var codec))
        {
            return Compose(type, codec, arguments, arguments);
        }

        if (Interfaces.TryGetValue(definition, out codec))
        {
            return Compose(type, codec, [type, .. arguments], arguments);
        }

        return null;
    }

    /// <summary>
    /// Closes a codec over a composite type, first making sure each part has a codec, so that a
    /// List&lt;object&gt; is refused when resolved, not only once a non-empty list happens to be written.
    /// </summary>
    private static object Compose(Type type, Type openCodec, Type[] codecArguments, Type[] parts)
    {
        foreach (var part in parts)
        {
            try
            {
                ResolveDefinition.MakeGenericMethod(part).Invoke(null, null);
            }
            catch (TargetInvocationException e) when (e.InnerException is NotSupportedException missing)
            {
                throw new NotSupportedException($"No serializer for {TypeNames.Of(type)}: {missing.Message}", missing);
            }
        }

        return Instantiate(openCodec.MakeGenericType(codecArguments));
    }
}
