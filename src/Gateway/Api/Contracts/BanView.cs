namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>An active ban.</summary>
/// <param name="UserId">Banned user.</param>
/// <param name="BannedBy">Who banned.</param>
/// <param name="Reason">Why.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ExpiresAt">When it lifts; null: until unbanned.</param>
public sealed record BanView(
    string UserId,
    string BannedBy,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt);
