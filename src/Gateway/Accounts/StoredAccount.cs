namespace OrleansChat.Gateway.Accounts;

/// <summary>An account with its password hash, only for the login path.</summary>
internal sealed record StoredAccount(Account Account, string? PasswordHash)
{
    // The hash stays out of ToString, so a logged record cannot leak it.
    public override string ToString() => $"StoredAccount {{ {Account} }}";
}
