namespace OrleansChat.Runtime.Serialization;

/// <summary>Codecs for types the runtime knows without generated code.</summary>
internal static class BuiltInCodecs
{
    /// <summary>A built-in codec for <typeparamref name="T"/>, or null.</summary>
    public static IFieldCodec<T>? Create<T>() => null;
}
