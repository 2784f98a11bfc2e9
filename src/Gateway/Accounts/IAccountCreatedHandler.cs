namespace OrleansChat.Gateway.Accounts;

/// <summary>
/// Told when signup or guest login created an account (after the account row is committed).
/// Called inline on the signup path: return at once and do slow work in the background.
/// Register with <c>TryAddEnumerable</c>.
/// </summary>
internal interface IAccountCreatedHandler
{
    void OnAccountCreated(Account account);
}
