using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>A user in the directory (search, mentions, "start a DM").</summary>
[GenerateSerializer]
[Immutable]
public sealed record UserSummary(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Username,
    [property: Id(2)] string DisplayName);
