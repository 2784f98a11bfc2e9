namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="ISet{T}"/> or <see cref="IReadOnlySet{T}"/> in the collection layout; a <see cref="HashSet{T}"/> is read back.</summary>
internal sealed class SetInterfaceCodec<TInterface, T> : IFieldCodec<TInterface?>
    where TInterface : class, IEnumerable<T>
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, TInterface? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        CollectionFormat.WriteEnumerable(ref writer, fieldId, value);
    }

    public TInterface? ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? null : (TInterface)(object)HashSetCodec<T>.Read(ref reader, wireType, typeof(TInterface));
}
