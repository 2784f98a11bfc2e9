using System.Collections.Immutable;

namespace OrleansChat.Runtime.Serialization.Codecs;

/// <summary>
/// <see cref="ImmutableArray{T}"/> in the collection layout; the default (uninitialised) array travels as
/// the <see cref="WireType.Null"/> wire type and comes back default. Shareable when its elements are.
/// </summary>
internal sealed class ImmutableArrayCodec<T> : IFieldCodec<ImmutableArray<T>>
{
    private readonly ShallowCopyableCache _shallow = new(static () => Codec<T>.Instance.IsShallowCopyable);

    public bool IsShallowCopyable => _shallow.Value;

    public void WriteField(ref Writer writer, uint fieldId, ImmutableArray<T> value)
    {
        if (value.IsDefault)
        {
            writer.WriteNullField(fieldId);
            return;
        }

        CollectionFormat.WriteElements(ref writer, fieldId, value.AsSpan());
    }

    public ImmutableArray<T> ReadValue(ref Reader reader, WireType wireType) =>
        wireType == WireType.Null ? default : Read(ref reader, wireType, typeof(ImmutableArray<T>));

    /// <summary>Reads the collection layout; also the reader behind arrays and immutable lists.</summary>
    internal static ImmutableArray<T> Read(ref Reader reader, WireType wireType, Type type)
    {
        Reader.Expect(wireType, WireType.LengthPrefixed, type);
        var body = reader.ReadNested();
        var count = CollectionFormat.ReadCount(ref body, type);
        var builder = ImmutableArray.CreateBuilder<T>(CollectionFormat.InitialCapacity(count));
        CollectionFormat.ReadElements(ref body, count, builder, type);

        // Hands over the builder's array without a copy when the count was within the preallocation.
        return builder.DrainToImmutable();
    }
}
