namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// Stands in for a missing codec inside <see cref="Codec{T}"/>: every use throws the
/// <see cref="NotSupportedException"/> that resolution raised. Throwing from the static initializer
/// instead would surface as an opaque <see cref="TypeInitializationException"/>.
/// </summary>
internal sealed class UnsupportedCodec<T>(string message) : IFieldCodec<T>
{
    public bool IsShallowCopyable => throw new NotSupportedException(message);

    public void WriteField(ref Writer writer, uint fieldId, T value) => throw new NotSupportedException(message);

    public T ReadValue(ref Reader reader, WireType wireType) => throw new NotSupportedException(message);
}
