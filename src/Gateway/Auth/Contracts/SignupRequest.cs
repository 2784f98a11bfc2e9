namespace OrleansChat.Gateway.Auth.Contracts;

/// <summary>Body of <c>POST /api/auth/signup</c>.</summary>
/// <param name="Username">3-32 characters from <c>A-Z a-z 0-9 _ . -</c>; not starting with <c>guest-</c>; unique ignoring case.</param>
/// <param name="Password">8-256 characters; not the username.</param>
public sealed record SignupRequest(string? Username, string? Password)
{
    // Redacted: a logged or traced request must never show the password.
    public override string ToString() => $"SignupRequest {{ Username = {Username}, Password = *** }}";
}
