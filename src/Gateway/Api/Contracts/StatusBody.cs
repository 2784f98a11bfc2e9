namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>PUT /api/me/status</c>.</summary>
/// <param name="CustomStatus">Up to 128 characters on one line; null or empty clears it.</param>
public sealed record StatusBody(
    string? CustomStatus);
