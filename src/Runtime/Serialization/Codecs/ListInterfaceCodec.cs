namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// A sequence interface (<see cref="IEnumerable{T}"/>, <see cref="ICollection{T}"/>, <see cref="IList{T}"/>,
/// <see cref="IReadOnlyCollection{T}"/>, <see cref="IReadOnlyList{T}"/>) in the collection layout. Any
/// implementation can be written; a <see cref="List{T}"/> is read back. Never shared: the object behind
/// a read-only interface may still be changed by its owner.
/// </summary>
internal sealed class ListInterfaceCodec<TInterface, T> : IFieldCodec<TInterface?>
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
        wireType == WireType.Null ? null : (TInterface)(object)ListCodec<T>.Read(ref reader, wireType, typeof(TInterface));
}
