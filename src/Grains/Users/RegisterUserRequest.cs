using OrleansChat.Runtime;

namespace OrleansChat.Grains.Users;

/// <summary>Creates the caller's chat account. The username is unique case-insensitively.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RegisterUserRequest(
    [property: Id(0)] string Username,
    [property: Id(1)] string DisplayName);
