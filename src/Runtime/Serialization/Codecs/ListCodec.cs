using System.Runtime.InteropServices;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary><see cref="List{T}"/> in the collection layout.</summary>
internal sealed class ListCodec<T> : IFieldCodec<List<T>?>
{
    public bool IsShallowCopyable => false;

    public void WriteField(ref Writer writer, uint fieldId, List<T>? value)
    {
        if (value is null)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        CollectionFormat.WriteElements(ref writer, fieldId, (ReadOnlySpan<T>)CollectionsMarshal.AsSpan(value));
    }

    public List<T>? ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? null : Read(ref reader, wireType, typeof(List<T>));

    /// <summary>Reads the collection layout into a new list; also the reader behind the list interfaces.</summary>
    internal static List<T> Read(ref Reader reader, WireType wireType, Type type)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, type);
        var body = reader.ReadNested();
        var count = CollectionFormat.ReadCount(ref body, type);
        var list = new List<T>(CollectionFormat.InitialCapacity(count));
        CollectionFormat.ReadElements(ref body, count, list, type);
        return list;
    }
}
