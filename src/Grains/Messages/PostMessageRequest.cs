using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// A message to post. <see cref="ClientMessageId"/> is chosen by the client and reused on every
/// retry of the same message: the conversation stores it once and answers retries with the original.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PostMessageRequest(
    [property: Id(0)] string ClientMessageId,
    [property: Id(1)] string Text,
    [property: Id(2)] long? ReplyToSeq = null);
