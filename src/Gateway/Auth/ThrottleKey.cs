namespace OrleansChat.Gateway.Auth;

/// <summary>One budget of attempts: <paramref name="Limit"/> per window for <paramref name="Subject"/> in <paramref name="Scope"/>.</summary>
internal sealed record ThrottleKey(string Scope, string Subject, int Limit)
{
    public const string AccountScope = "account";
    public const string AddressScope = "address";
    public const string SignupScope = "signup";
}
