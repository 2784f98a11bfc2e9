namespace OrleansChat.Gateway.Auth.Contracts;

/// <summary>Body of <c>POST /api/auth/refresh</c>.</summary>
/// <param name="RefreshToken">The refresh token from the last token response; valid once.</param>
public sealed record RefreshRequest(string? RefreshToken)
{
    public override string ToString() => "RefreshRequest { RefreshToken = *** }";
}
