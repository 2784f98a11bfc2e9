using System.Collections.Concurrent;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Cluster;

/// <summary>
/// Makes sure every account has its chat user (the user grain's row), created with the username
/// as display name. Accounts live in the gateway's tables, chat users in the grains'; the gateway
/// registers a user right after signup (in the background) and, as a safety net, before the
/// first chat request of each user this process serves (one grain call per user per process).
/// </summary>
internal sealed partial class ChatUserRegistry(IGrainFactory grains, ILogger<ChatUserRegistry> logger)
{
    // Bounded: a gateway that served very many users forgets them and re-checks (cheaply) later.
    private const int MaxRemembered = 200_000;

    private readonly ConcurrentDictionary<string, Lazy<Task>> _known = new(StringComparer.Ordinal);

    /// <summary>Completes when the user is registered; a failure is not remembered, so the next request retries.</summary>
    public Task EnsureAsync(ChatIdentity who)
    {
        if (_known.TryGetValue(who.UserId, out var known) && known.Value.IsCompletedSuccessfully)
        {
            return Task.CompletedTask;
        }

        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        var entry = _known.GetOrAdd(who.UserId, _ => new Lazy<Task>(() => RegisterAsync(who)));
        return AwaitAsync(who.UserId, entry);
    }

    private async Task AwaitAsync(string userId, Lazy<Task> entry)
    {
        try
        {
            await entry.Value;
        }
        catch
        {
            _known.TryRemove(new KeyValuePair<string, Lazy<Task>>(userId, entry));
            throw;
        }
    }

    private async Task RegisterAsync(ChatIdentity who)
    {
        // A fresh flow: the identity set here is the registering user's own (the grain requires "self").
        await Task.Yield();
        try
        {
            await GrainCaller.As(who, () => grains.GetGrain<IUserGrain>(who.UserId).Register(new RegisterUserRequest(who.Username, who.Username)));
            LogRegistered(logger, who.UserId);
        }
        catch (ChatException ex) when (ex.Code == ChatErrorCodes.UserAlreadyRegistered)
        {
            // The common case after the first process saw the user.
        }
    }

    [LoggerMessage(EventId = 5500, Level = LogLevel.Debug, Message = "Registered chat user {UserId}")]
    private static partial void LogRegistered(ILogger logger, string userId);
}
