namespace OrleansChat.LoadTest.Targets;

/// <summary>How to reach and sign in to a running gateway.</summary>
internal sealed class GatewayTargetOptions
{
    /// <summary>The gateway's base URL (e.g. http://127.0.0.1:5000).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>Pre-created accounts (<c>username:password</c> per line) to log in with instead of creating guests.</summary>
    public string? AccountsFile { get; init; }

    /// <summary>A registered account (<c>username:password</c>) that creates the rooms (guests may not); a fresh one is signed up when absent.</summary>
    public string? RoomOwner { get; init; }

    /// <summary>Sign-in requests in flight at once.</summary>
    public int SignInConcurrency { get; init; } = 16;
}
