namespace OrleansChat.Runtime.Serialization;

/// <summary>The codec for <typeparamref name="T"/>, resolved once per type and cached in a static field.</summary>
public static class Codec<T>
{
    public static readonly IFieldCodec<T> Instance = CodecProvider.ResolveForCache<T>();
}
