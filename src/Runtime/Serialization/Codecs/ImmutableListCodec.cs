using System.Collections.Immutable;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="ImmutableList{T}"/> in the collection layout. Shareable when its elements are.</summary>
internal sealed class ImmutableListCodec<T> : IFieldCodec<ImmutableList<T>?>
{
    private readonly ShallowCopyableCache _shallow = new(static () => Codec<T>.Instance.IsShallowCopyable);

    public bool IsShallowCopyable => _shallow.Value;

    public void WriteField(ref Writer writer, uint fieldId, ImmutableList<T>? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        var start = CollectionFormat.BeginWrite(ref writer, fieldId, value.Count);
        var codec = Codec<T>.Instance;
        foreach (var item in value)
        {
            codec.WriteField(ref writer, 0, item);
        }

        writer.EndLengthPrefixed(start);
    }

    public ImmutableList<T>? ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        // Building from a complete array makes a balanced tree in one pass instead of one insert per element.
        var items = ImmutableArrayCodec<T>.Read(ref reader, wireType, typeof(ImmutableList<T>));
        return ImmutableList.CreateRange(items);
    }
}
