using OrleansChat.Gateway.Accounts;

namespace OrleansChat.Gateway.Cluster;

/// <summary>
/// Registers the chat user of a new account in the background, so that it can be found, invited
/// and messaged at once. Signup never waits for or fails on it: if the cluster is unreachable the
/// first chat request of the user registers it instead (<see cref="ChatUserRegistry"/>).
/// </summary>
internal sealed partial class ChatAccountRegistration(ChatUserRegistry registry, ILogger<ChatAccountRegistration> logger) : IAccountCreatedHandler
{
    public void OnAccountCreated(Account account) => _ = RegisterAsync(account);

    private async Task RegisterAsync(Account account)
    {
        try
        {
            await registry.EnsureAsync(new ChatIdentity(ChatIdentity.FormatUserId(account.UserId), account.Username, account.IsGuest, Guid.Empty));
        }
        catch (Exception ex)
        {
            LogDeferred(logger, account.UserId, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 5501, Level = LogLevel.Debug, Message = "Chat user of new account {UserId} not registered yet ({Error}); the first chat request will")]
    private static partial void LogDeferred(ILogger logger, Guid userId, string error);
}
