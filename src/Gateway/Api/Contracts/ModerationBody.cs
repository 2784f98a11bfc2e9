namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of kick, ban and mute.</summary>
/// <param name="DurationMinutes">Ban: null bans until lifted. Mute: required. Kick: ignored.</param>
/// <param name="Reason">Up to 512 characters on one line; recorded in the audit log.</param>
public sealed record ModerationBody(
    int? DurationMinutes,
    string? Reason);
