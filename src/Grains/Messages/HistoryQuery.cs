using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// A page of history: messages before <see cref="BeforeSeq"/> (scrollback), after
/// <see cref="AfterSeq"/> (catch-up after a reconnect), or the latest when neither is set.
/// At most one of the two; <see cref="Limit"/> is 1-100.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record HistoryQuery(
    [property: Id(0)] long? BeforeSeq = null,
    [property: Id(1)] long? AfterSeq = null,
    [property: Id(2)] int Limit = 50);
