using System.Collections.Immutable;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>
/// Messages in ascending sequence order. <see cref="HasMore"/> says whether more exist in the
/// direction asked; <see cref="LastSeq"/> is the conversation's newest committed sequence number.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MessagePage(
    [property: Id(0)] ImmutableArray<ChatMessage> Messages,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] long LastSeq);
