using System.Collections.Immutable;
using System.Runtime.InteropServices;
using OrleansChat.Runtime.Serialization;

namespace OrleansChat.Runtime.Tests.Serialization;

public sealed class DeepCopierTests
{
    [Fact]
    public void A_list_of_strings_is_copied_into_a_new_list_with_the_same_contents()
    {
        var original = new List<string> { "a", "ü", "" };

        var copy = DeepCopier.Copy(original);

        Assert.NotSame(original, copy);
        Assert.Equal(original, copy);
        copy.Add("only in the copy");
        Assert.Equal(3, original.Count);
    }

    [Fact]
    public void Strings_and_immutable_arrays_are_shared_not_copied()
    {
        var text = new string('x', 10);
        Assert.Same(text, DeepCopier.Copy(text));

        var array = ImmutableArray.Create("a", "b");
        var copy = DeepCopier.Copy(array);
        Assert.Same(ImmutableCollectionsMarshal.AsArray(array), ImmutableCollectionsMarshal.AsArray(copy));

        var list = ImmutableList.Create(1, 2);
        Assert.Same(list, DeepCopier.Copy(list));
    }

    [Fact]
    public void Mutable_contents_of_an_immutable_collection_are_copied()
    {
        var inner = new List<int> { 1 };
        var array = ImmutableArray.Create(inner);

        var copy = DeepCopier.Copy(array);

        Assert.NotSame(inner, copy[0]);
        Assert.Equal(inner, copy[0]);
    }

    [Fact]
    public void Nested_mutable_collections_are_copied_at_every_level()
    {
        var original = new Dictionary<string, List<byte[]>> { ["k"] = [[1, 2]] };

        var copy = DeepCopier.Copy(original);

        Assert.NotSame(original, copy);
        Assert.NotSame(original["k"], copy["k"]);
        Assert.NotSame(original["k"][0], copy["k"][0]);
        Assert.Equal(original["k"][0], copy["k"][0]);
    }

    [Fact]
    public void Null_copies_to_null()
    {
        Assert.Null(DeepCopier.Copy<List<int>?>(null));
    }
}
