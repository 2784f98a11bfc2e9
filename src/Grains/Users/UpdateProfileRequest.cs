using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>Profile changes; null leaves a field unchanged, an empty avatar or bio clears it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record UpdateProfileRequest(
    [property: Id(0)] string? DisplayName = null,
    [property: Id(1)] string? AvatarUrl = null,
    [property: Id(2)] string? Bio = null);
