namespace OrleansChat.LoadTest.Client;

/// <summary>What a Subscribe returned.</summary>
/// <param name="Missed">Messages in the catch-up list.</param>
/// <param name="LatestSeq">The conversation's latest sequence number when subscribed.</param>
/// <param name="HasMore">The catch-up list was capped; more missed messages exist.</param>
/// <param name="Code">Error code, or null on success.</param>
/// <param name="Error">Error text, or null.</param>
internal sealed record SubscribeOutcome(int Missed, long LatestSeq, bool HasMore, string? Code, string? Error)
{
    public bool Succeeded => Code is null;

    public static SubscribeOutcome Failed(string code, string error) => new(0, -1, false, code, error);
}
