namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="Nullable{T}"/>: no value is the <see cref="WireType.Null"/> wire type, a value is written
/// exactly as a plain <typeparamref name="T"/>, so a field can gain or lose its '?' between versions
/// (as long as no null is ever sent to a reader expecting a plain value).
/// </summary>
internal sealed class NullableCodec<T> : IFieldCodec<T?>
    where T : struct
{
    private readonly ShallowCopyableCache _shallow = new(static () => Codec<T>.Instance.IsShallowCopyable);

    public bool IsShallowCopyable => _shallow.Value;

    public void WriteField(ref Writer writer, uint fieldId, T? value)
    {
        if (value.HasValue)
        {
            Codec<T>.Instance.WriteField(ref writer, fieldId, value.GetValueOrDefault());
        }
        else
        {
            writer.WriteNullField(fieldId);
        }
    }

    public T? ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? null : Codec<T>.Instance.ReadValue(ref reader, wireType);
}
