namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>The stored message.</summary>
/// <param name="Message">The message as stored.</param>
/// <param name="Duplicate">True when this was a retry of a message already stored (nothing new was stored).</param>
public sealed record PostMessageResponse(
    MessageView Message,
    bool Duplicate);
