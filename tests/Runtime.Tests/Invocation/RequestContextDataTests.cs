using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Runtime.Tests.Invocation;

public sealed class RequestContextDataTests
{
    [Fact]
    public void Of_entries_with_the_same_key_the_last_counts()
    {
        var data = new RequestContextData([new("user", "ann"), new("trace", "t1"), new("user", "bob")]);

        Assert.Equal(2, data.Count);
        Assert.Equal("bob", data.Get("user"));
        Assert.Equal("t1", data.Get("trace"));
        Assert.Null(data.Get("USER"));
    }

    [Fact]
    public void With_sets_replaces_and_removes_in_a_new_snapshot_and_leaves_the_old_one_alone()
    {
        var first = RequestContextData.With(null, "user", "ann")!;
        var second = RequestContextData.With(first, "trace", "t1")!;
        var third = RequestContextData.With(second, "user", "bob")!;
        var fourth = RequestContextData.With(third, "trace", null)!;

        Assert.Equal(("ann", null), (first.Get("user"), first.Get("trace")));
        Assert.Equal(("ann", "t1"), (second.Get("user"), second.Get("trace")));
        Assert.Equal(("bob", "t1", 2), (third.Get("user"), third.Get("trace"), third.Count));
        Assert.Equal(("bob", null, 1), (fourth.Get("user"), fourth.Get("trace"), fourth.Count));
        Assert.Null(RequestContextData.With(RequestContextData.With(null, "user", "ann"), "user", null));
    }
}
