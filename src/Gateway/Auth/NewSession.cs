namespace OrleansChat.Gateway.Auth;

/// <summary>A session row to insert.</summary>
internal sealed record NewSession(
    Guid SessionId,
    Guid UserId,
    byte[] RefreshTokenHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AccessExpiresAt,
    string? ClientAddress,
    string? UserAgent);
