using OrleansChat.Gateway.Accounts;
using OrleansChat.Runtime.Client;

namespace OrleansChat.Gateway.Cluster;

/// <summary>
/// Registers the chat user of a new account before the signup answers, so that others can find,
/// block, invite and message the user as soon as it exists (a registration left to the background
/// raced with exactly that). Signup never fails on it and waits at most <see cref="MaxWait"/>: if
/// the cluster is unreachable, the registration goes on in the background and the first chat
/// request of the user registers it otherwise (<see cref="ChatUserRegistry"/>). A gateway that sees
/// no silo at all (client mode) does not wait: the call could only time out.
/// </summary>
internal sealed partial class ChatAccountRegistration(ChatUserRegistry registry, IServiceProvider services, ILogger<ChatAccountRegistration> logger) : IAccountCreatedHandler
{
    // Registered in client mode only; a co-hosted gateway always has its own silo.
    private readonly IClusterClientStatus? _cluster = services.GetService<IClusterClientStatus>();

    /// <summary>The longest a signup waits for the cluster; a registration is one grain call.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    public async Task OnAccountCreatedAsync(Account account, CancellationToken cancellationToken)
    {
        try
        {
            var registering = registry.EnsureAsync(new ChatIdentity(ChatIdentity.FormatUserId(account.UserId), account.Username, account.IsGuest, Guid.Empty));
            if (_cluster is { IsConnected: false })
            {
                _ = registering.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                LogDeferred(logger, account.UserId, "no silo");
                return;
            }

            await registering.WaitAsync(MaxWait, cancellationToken);
        }
        catch (Exception ex)
        {
            LogDeferred(logger, account.UserId, ex.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 5501, Level = LogLevel.Debug, Message = "Chat user of new account {UserId} not registered yet ({Error}); the first chat request will")]
    private static partial void LogDeferred(ILogger logger, Guid userId, string error);
}
