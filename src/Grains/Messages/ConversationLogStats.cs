using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>Counters of one activation's message log (for tests and diagnostics).</summary>
[GenerateSerializer]
[Immutable]
internal sealed record ConversationLogStats(
    [property: Id(0)] long LastSeq,
    [property: Id(1)] int Queued,
    [property: Id(2)] long Appends,
    [property: Id(3)] long MessagesWritten,
    [property: Id(4)] int Subscribers);
