namespace OrleansChat.Gateway.Hubs.Contracts;

/// <summary>Payload of <c>PresenceChanged</c> (the user's own presence, or a friend's).</summary>
/// <param name="UserId">Whose presence.</param>
/// <param name="Presence"><c>online</c>, <c>away</c> or <c>offline</c>.</param>
/// <param name="CustomStatus">The custom status.</param>
public sealed record PresenceChangedPayload(
    string UserId,
    string Presence,
    string? CustomStatus);
