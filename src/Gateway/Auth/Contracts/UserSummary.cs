namespace OrleansChat.Gateway.Auth.Contracts;

/// <summary>The signed-in user, as returned with tokens.</summary>
public sealed record UserSummary(Guid UserId, string Username, bool IsGuest);
