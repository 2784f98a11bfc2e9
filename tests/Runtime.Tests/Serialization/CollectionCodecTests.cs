using System.Collections.Immutable;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class CollectionCodecTests
{
    [Fact]
    public void Arrays_round_trip_including_null_empty_and_null_elements()
    {
        Assert.Null(Wire.RoundTrip<int[]?>(null));
        Assert.Empty(Wire.RoundTrip(Array.Empty<int>())!);
        Assert.Equal([int.MinValue, 0, int.MaxValue], Wire.RoundTrip(new[] { int.MinValue, 0, int.MaxValue }));
        string?[] withNull = ["a", null, "ü"];
        Assert.Equal(withNull, Wire.RoundTrip(withNull));
    }

    [Fact]
    public void Lists_round_trip_including_null_empty_and_large()
    {
        Assert.Null(Wire.RoundTrip<List<string>?>(null));
        Assert.Empty(Wire.RoundTrip(new List<string>())!);
        var large = Enumerable.Range(-2500, 5000).ToList();
        Assert.Equal(large, Wire.RoundTrip(large));
        var strings = Enumerable.Range(0, 3000).Select(i => $"message {i} 💬").ToList();
        Assert.Equal(strings, Wire.RoundTrip(strings));
    }

    [Fact]
    public void Nested_collections_round_trip()
    {
        var nested = new List<List<int>> { new() { 1, 2 }, new(), new() { 3 } };
        Assert.Equal(nested, Wire.RoundTrip(nested));

        var byRoom = new Dictionary<string, List<string?>>
        {
            ["general"] = ["hi", null, "👋"],
            ["empty"] = [],
        };
        var copy = Wire.RoundTrip(byRoom)!;
        Assert.Equal(byRoom.Count, copy.Count);
        Assert.Equal(byRoom["general"], copy["general"]);
        Assert.Empty(copy["empty"]);

        var immutable = ImmutableDictionary<string, ImmutableArray<int>>.Empty
            .Add("a", [1, 2, 3])
            .Add("b", []);
        var immutableCopy = Wire.RoundTrip(immutable)!;
        Assert.Equal([1, 2, 3], immutableCopy["a"].ToArray());
        Assert.Empty(immutableCopy["b"]);

        var jagged = new[] { new[] { 1 }, [], new[] { 2, 3 } };
        Assert.Equal(jagged, Wire.RoundTrip(jagged));
    }

    [Fact]
    public void List_interfaces_round_trip_as_lists_whatever_the_implementation()
    {
        Assert.Equal([1, 2, 3], Wire.RoundTrip<IList<int>>(new[] { 1, 2, 3 }));
        Assert.Equal([1, 2], Wire.RoundTrip<ICollection<int>>(new LinkedList<int>([1, 2])));
        Assert.Equal(["x", "y"], Wire.RoundTrip<IReadOnlyList<string>>(ImmutableList.Create("x", "y")));
        Assert.Equal([5], Wire.RoundTrip<IReadOnlyCollection<int>>(new Queue<int>([5])));

        // A lazy sequence is enumerated once and written with its count.
        var lazy = Enumerable.Range(0, 10).Where(i => i % 2 == 0).Select(i => i * 10);
        Assert.Equal([0, 20, 40, 60, 80], Wire.RoundTrip(lazy));

        Assert.IsType<List<int>>(Wire.RoundTrip<IEnumerable<int>>(new[] { 1 }));
        Assert.Null(Wire.RoundTrip<IReadOnlyList<int>?>(null));
    }

    [Fact]
    public void Sets_round_trip_and_string_sets_compare_ordinally()
    {
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Alice", "bob" };
        var copy = Wire.RoundTrip(set)!;
        Assert.True(copy.SetEquals(["Alice", "bob"]));
        Assert.Same(StringComparer.Ordinal, copy.Comparer);
        Assert.DoesNotContain("alice", copy);

        Assert.True(Wire.RoundTrip<ISet<int>>(new SortedSet<int> { 3, 1, 2 })!.SetEquals([1, 2, 3]));
        Assert.IsType<HashSet<Guid>>(Wire.RoundTrip<IReadOnlySet<Guid>>(new HashSet<Guid> { Guid.Empty }));
        Assert.Empty(Wire.RoundTrip(new HashSet<int>())!);
        Assert.Null(Wire.RoundTrip<HashSet<int>?>(null));
    }

    [Fact]
    public void Dictionaries_round_trip_and_string_keys_compare_ordinally()
    {
        var members = new Dictionary<string, int> { ["Alice"] = 1, ["alice"] = 2, ["ÅSA"] = 3 };
        var copy = Wire.RoundTrip(members)!;
        Assert.Equal(members.OrderBy(p => p.Key, StringComparer.Ordinal), copy.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Same(StringComparer.Ordinal, copy.Comparer);
        Assert.False(copy.ContainsKey("ALICE"));

        var sorted = Wire.RoundTrip<IDictionary<int, string?>>(new SortedDictionary<int, string?> { [1] = null, [2] = "two" })!;
        Assert.IsType<Dictionary<int, string?>>(sorted);
        Assert.Null(sorted[1]);
        Assert.Equal("two", sorted[2]);
        Assert.Equal("v", Wire.RoundTrip<IReadOnlyDictionary<Guid, string>>(new Dictionary<Guid, string> { [Guid.Empty] = "v" })![Guid.Empty]);
        Assert.Empty(Wire.RoundTrip(new Dictionary<int, int>())!);
        Assert.Null(Wire.RoundTrip<Dictionary<int, int>?>(null));
    }

    [Fact]
    public void Immutable_collections_round_trip()
    {
        Assert.Equal([1, 2, 3], Wire.RoundTrip(ImmutableArray.Create(1, 2, 3)).ToArray());
        Assert.True(Wire.RoundTrip(ImmutableArray<int>.Empty).IsEmpty);
        Assert.True(Wire.RoundTrip(default(ImmutableArray<int>)).IsDefault);

        var list = Enumerable.Range(0, 2000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToImmutableList();
        Assert.Equal(list, Wire.RoundTrip(list));
        Assert.Null(Wire.RoundTrip<ImmutableList<int>?>(null));
        Assert.Empty(Wire.RoundTrip(ImmutableList<int>.Empty)!);

        var dictionary = ImmutableDictionary.CreateRange(new Dictionary<string, int> { ["a"] = 1, ["A"] = 2 });
        var copy = Wire.RoundTrip(dictionary)!;
        Assert.Equal(2, copy.Count);
        Assert.Equal(2, copy["A"]);
        Assert.Same(StringComparer.Ordinal, copy.KeyComparer);
    }

    [Fact]
    public void Pairs_and_tuples_round_trip()
    {
        Wire.AssertRoundTrips(new KeyValuePair<string, int>("k", 7), new KeyValuePair<string, int>(null!, 0));
        Wire.AssertRoundTrips((1, "one"), (-1, (string?)null));
        Wire.AssertRoundTrips((Guid.Empty, 2.5, new DateOnly(2024, 1, 1)));
        Assert.Equal([(1, "a"), (2, "b")], Wire.RoundTrip(new List<(int, string)> { (1, "a"), (2, "b") }));
    }
}
