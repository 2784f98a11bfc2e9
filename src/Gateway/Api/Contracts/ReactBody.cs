namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of toggling a reaction.</summary>
/// <param name="Emoji">1-64 characters without spaces.</param>
public sealed record ReactBody(
    string? Emoji);
