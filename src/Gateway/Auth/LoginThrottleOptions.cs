namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Brute-force limits (configuration section <c>Gateway:Auth:Throttle</c>), counted in a
/// sliding window in PostgreSQL so that every replica enforces the same budget.
/// </summary>
public sealed class LoginThrottleOptions
{
    public const string SectionName = "Gateway:Auth:Throttle";

    /// <summary>Length of the sliding window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed logins per account (by normalized username, whether or not it exists) within the window.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed logins per client address (IPv6 grouped by /64) within the window, whatever the account.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>Signups and guest logins per client address within the window (each one costs a password hash and an account row).</summary>
    public int MaxSignupsPerAddress { get; set; } = 30;
}
