using OrleansChat.Runtime;

namespace OrleansChat.Grains.Notifications;

/// <summary>A page of the inbox, newest first: entries with ids below <see cref="BeforeId"/> (null: from the newest).</summary>
[GenerateSerializer]
[Immutable]
public sealed record NotificationQuery(
    [property: Id(0)] long? BeforeId = null,
    [property: Id(1)] int Limit = 50,
    [property: Id(2)] bool UnreadOnly = false);
