namespace OrleansChat.Gateway.Hubs.Fanout;

/// <summary>Work a feed's renewal loop hands to its pump (so that it runs in order with the events).</summary>
internal abstract record FeedCommand
{
    /// <summary>The grain's log reached <paramref name="Seq"/>: deliver whatever the feed has not (a lost subscription's messages).</summary>
    public sealed record CatchUp(long Seq) : FeedCommand;

    /// <summary>The user can no longer read the conversation: stop relaying to their connections.</summary>
    public sealed record Evict(string UserId) : FeedCommand;
}
