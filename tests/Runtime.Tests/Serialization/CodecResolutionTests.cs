using System.Collections.Immutable;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class CodecResolutionTests
{
    [Fact]
    public void Object_has_no_codec_and_the_error_says_why()
    {
        var error = Assert.Throws<NotSupportedException>(() => CodecProvider.Resolve<object>());
        Assert.Contains("System.Object", error.Message, StringComparison.Ordinal);
        Assert.Contains("concrete type", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Using_an_unsupported_type_throws_not_supported_every_time_not_a_type_initialization_error()
    {
        Assert.Throws<NotSupportedException>(() => Serializer.Serialize<object>(1));
        Assert.Throws<NotSupportedException>(() => Serializer.Serialize<object>(1));
        Assert.Throws<NotSupportedException>(() => Serializer.Deserialize<Uri>(Serializer.Serialize(1)));
        Assert.Throws<NotSupportedException>(() => DeepCopier.IsShallowCopyable<object>());
    }

    [Fact]
    public void A_collection_of_an_unsupported_type_is_refused_when_resolved_even_if_empty()
    {
        var error = Assert.Throws<NotSupportedException>(() => CodecProvider.Resolve<List<object>>());
        Assert.Contains("List<Object>", error.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => Serializer.Serialize(new List<object>()));
        Assert.Throws<NotSupportedException>(() => CodecProvider.Resolve<Dictionary<string, Uri>>());
        Assert.Throws<NotSupportedException>(() => CodecProvider.Resolve<object[]>());
    }

    [Fact]
    public void A_generic_codec_registered_for_an_open_type_serves_every_construction_of_it()
    {
        CodecProvider.RegisterGeneric(typeof(Page<>), typeof(PageCodec<>));

        var strings = Wire.RoundTrip(new Page<string> { Items = ["a", "b"], Total = 10 })!;
        var numbers = Wire.RoundTrip(new Page<int> { Items = [1], Total = 1 })!;

        Assert.Equal(["a", "b"], strings.Items);
        Assert.Equal(10, strings.Total);
        Assert.Equal([1], numbers.Items);
        Assert.Same(Codec<Page<int>>.Instance, CodecProvider.Resolve<Page<int>>());
        Assert.Same(CodecProvider.Resolve<Page<int>>(), CodecProvider.Resolve<Page<int>>());
        Assert.Equal([3], Wire.RoundTrip(new List<Page<int>> { new() { Items = [3] } })[0].Items);
    }

    [Fact]
    public void Registering_a_generic_codec_checks_its_shape()
    {
        Assert.Throws<ArgumentException>(() => CodecProvider.RegisterGeneric(typeof(Page<int>), typeof(PageCodec<>)));
        Assert.Throws<ArgumentException>(() => CodecProvider.RegisterGeneric(typeof(Page<>), typeof(PageCodec<int>)));
        Assert.Throws<ArgumentException>(() => CodecProvider.RegisterGeneric(typeof(Page<>), typeof(Dictionary<,>)));
        Assert.Throws<ArgumentException>(() => CodecProvider.RegisterGeneric(typeof(Page<>), typeof(List<>)));
    }

    [Fact]
    public void Immutable_values_are_shallow_copyable()
    {
        Assert.True(DeepCopier.IsShallowCopyable<int>());
        Assert.True(DeepCopier.IsShallowCopyable<ulong>());
        Assert.True(DeepCopier.IsShallowCopyable<double>());
        Assert.True(DeepCopier.IsShallowCopyable<decimal>());
        Assert.True(DeepCopier.IsShallowCopyable<string>());
        Assert.True(DeepCopier.IsShallowCopyable<Guid>());
        Assert.True(DeepCopier.IsShallowCopyable<DateTime>());
        Assert.True(DeepCopier.IsShallowCopyable<DateTimeOffset>());
        Assert.True(DeepCopier.IsShallowCopyable<TimeSpan>());
        Assert.True(DeepCopier.IsShallowCopyable<DateOnly>());
        Assert.True(DeepCopier.IsShallowCopyable<TimeOnly>());
        Assert.True(DeepCopier.IsShallowCopyable<DayOfWeek>());
        Assert.True(DeepCopier.IsShallowCopyable<int?>());
        Assert.True(DeepCopier.IsShallowCopyable<Exception>());
        Assert.True(DeepCopier.IsShallowCopyable<ImmutableArray<string>>());
        Assert.True(DeepCopier.IsShallowCopyable<ImmutableList<Guid>>());
        Assert.True(DeepCopier.IsShallowCopyable<ImmutableDictionary<string, ImmutableList<int>>>());
        Assert.True(DeepCopier.IsShallowCopyable<(int, string)>());
        Assert.True(DeepCopier.IsShallowCopyable<(int, string, DateTime)>());
        Assert.True(DeepCopier.IsShallowCopyable<KeyValuePair<string, long>>());
    }

    [Fact]
    public void Mutable_values_are_not_shallow_copyable()
    {
        Assert.False(DeepCopier.IsShallowCopyable<byte[]>());
        Assert.False(DeepCopier.IsShallowCopyable<ReadOnlyMemory<byte>>());
        Assert.False(DeepCopier.IsShallowCopyable<int[]>());
        Assert.False(DeepCopier.IsShallowCopyable<List<int>>());
        Assert.False(DeepCopier.IsShallowCopyable<IReadOnlyList<int>>());
        Assert.False(DeepCopier.IsShallowCopyable<IEnumerable<int>>());
        Assert.False(DeepCopier.IsShallowCopyable<HashSet<int>>());
        Assert.False(DeepCopier.IsShallowCopyable<IReadOnlySet<int>>());
        Assert.False(DeepCopier.IsShallowCopyable<Dictionary<string, int>>());
        Assert.False(DeepCopier.IsShallowCopyable<IReadOnlyDictionary<string, int>>());
        Assert.False(DeepCopier.IsShallowCopyable<ImmutableArray<List<int>>>());
        Assert.False(DeepCopier.IsShallowCopyable<ImmutableDictionary<string, byte[]>>());
        Assert.False(DeepCopier.IsShallowCopyable<(int, List<int>)>());
        Assert.False(DeepCopier.IsShallowCopyable<KeyValuePair<string, int[]>>());
    }

    /// <summary>A generic record as the code generator would see it.</summary>
    internal sealed class Page<T>
    {
        public List<T> Items { get; init; } = [];

        public int Total { get; init; }
    }

    /// <summary>Shaped like a generated codec for <see cref="Page{T}"/>.</summary>
    internal sealed class PageCodec<T> : IFieldCodec<Page<T>?>
    {
        public bool IsShallowCopyable => false;

        public void WriteField(ref Writer writer, uint fieldId, Page<T>? value)
        {
            if (value is null)
            {
                writer.WriteNullField(fieldId);
                return;
            }

            writer.WriteFieldHeader(fieldId, WireType.LengthPrefixed);
            var start = writer.BeginLengthPrefixed();
            writer.WriteField(0, value.Items);
            writer.WriteField(1, value.Total);
            writer.EndLengthPrefixed(start);
        }

        public Page<T>? ReadValue(ref Reader reader, WireType wireType)
        {
            if (wireType == WireType.Null)
            {
                return null;
            }

            Reader.Expect(wireType, WireType.LengthPrefixed, typeof(Page<T>));
            var body = reader.ReadNested();
            List<T> items = [];
            var total = 0;
            while (body.TryReadFieldHeader(out var id, out var fieldType))
            {
                switch (id)
                {
                    case 0:
                        items = body.ReadValue<List<T>>(fieldType) ?? [];
                        break;
                    case 1:
                        total = body.ReadValue<int>(fieldType);
                        break;
                    default:
                        body.SkipField(fieldType);
                        break;
                }
            }

            return new Page<T> { Items = items, Total = total };
        }
    }
}
