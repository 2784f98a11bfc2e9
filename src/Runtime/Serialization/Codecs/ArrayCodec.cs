using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>A one-dimensional <typeparamref name="T"/>[] in the collection layout. Arrays are mutable, so copies never share them.</summary>
internal sealed class ArrayCodec<T> : IFieldCodec<T[]?>
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, T[]? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        CollectionFormat.WriteElements(ref writer, fieldId, new ReadOnlySpan<T>(value));
    }

    public T[]? ReadValue(ref Reader reader, WireType wireType)
    {
        if (wireType == WireType.Null)
        {
            return null;
        }

        // The freshly built array is owned by nobody else, so exposing it as T[] is safe.
        var items = ImmutableArrayCodec<T>.Read(ref reader, wireType, typeof(T[]));
        return ImmutableCollectionsMarshal.AsArray(items)!;
    }
}
