namespace OrleansChat.Gateway.Auth.Contracts;

/// <summary>Body of <c>POST /api/auth/login</c>.</summary>
/// <param name="Username">The username, any case.</param>
/// <param name="Password">The password.</param>
public sealed record LoginRequest(string? Username, string? Password)
{
    public override string ToString() => $"LoginRequest {{ Username = {Username}, Password = *** }}";
}
