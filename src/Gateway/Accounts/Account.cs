namespace OrleansChat.Gateway.Accounts;

/// <summary>A user account as the gateway sees it (never with its password hash).</summary>
/// <param name="UserId">Stable id; the grains' user key.</param>
/// <param name="Username">Display spelling as chosen at signup; unique case-insensitively.</param>
/// <param name="IsGuest">Guests have no password and carry the <c>chat.guest</c> claim.</param>
/// <param name="CreatedAt">When the account was created.</param>
public sealed record Account(Guid UserId, string Username, bool IsGuest, DateTimeOffset CreatedAt);
