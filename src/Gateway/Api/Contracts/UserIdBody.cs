namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A body naming one user.</summary>
/// <param name="UserId">The user id.</param>
public sealed record UserIdBody(
    string? UserId);
