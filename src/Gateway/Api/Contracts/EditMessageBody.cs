namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of editing a message.</summary>
/// <param name="Text">The new text, 1-4,000 characters.</param>
public sealed record EditMessageBody(
    string? Text);
