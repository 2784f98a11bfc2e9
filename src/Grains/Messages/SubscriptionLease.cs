using OrleansChat.Runtime;

namespace OrleansChat.Grains.Messages;

/// <summary>An observer subscription that lasts until <see cref="ExpiresAt"/> unless renewed by subscribing again.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SubscriptionLease(
    [property: Id(0)] DateTimeOffset ExpiresAt,
    [property: Id(1)] long LastSeq);
