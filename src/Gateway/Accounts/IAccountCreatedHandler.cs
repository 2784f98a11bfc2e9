namespace OrleansChat.Gateway.Accounts;

/// <summary>
/// Told when signup or guest login created an account (after the account row is committed), and
/// awaited before the response: when the new user hears back, what the handler set up is there.
/// Keep it short, bound its own wait, and never throw: a failure here must not fail the signup.
/// Register with <c>TryAddEnumerable</c>.
/// </summary>
internal interface IAccountCreatedHandler
{
    Task OnAccountCreatedAsync(Account account, CancellationToken cancellationToken);
}
