using System.Collections.Concurrent;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Gateway.Messages;

/// <summary>
/// Display names by user id, for <c>senderName</c> and typing events. Names change rarely and a
/// stale one for a minute is harmless, while the fan-out path must not call a user grain per
/// event, so entries live for <see cref="Lifetime"/>. A lookup that fails falls back on the id:
/// a missing name must never hold up or fail a delivery.
/// </summary>
internal sealed partial class UserNameCache(IGrainFactory grains, TimeProvider timeProvider, ILogger<UserNameCache> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _names = new(StringComparer.Ordinal);

    public ValueTask<string> GetAsync(string userId)
    {
        if (_names.TryGetValue(userId, out var entry) && timeProvider.GetUtcNow() - entry.FetchedAt < Lifetime)
        {
            return ValueTask.FromResult(entry.Name);
        }

        return new ValueTask<string>(FetchAsync(userId));
    }

    /// <summary>Names of several users, fetched in parallel.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetManyAsync(IEnumerable<string> userIds)
    {
        var distinct = userIds.Distinct(StringComparer.Ordinal).ToArray();
        var names = await Task.WhenAll(distinct.Select(id => GetAsync(id).AsTask()));
        var result = new Dictionary<string, string>(distinct.Length, StringComparer.Ordinal);
        for (var i = 0; i < distinct.Length; i++)
        {
            result[distinct[i]] = names[i];
        }

        return result;
    }

    /// <summary>Remembers a name learned elsewhere (a profile read or update).</summary>
    public void Remember(string userId, string displayName) => Store(userId, displayName);

    private async Task<string> FetchAsync(string userId)
    {
        try
        {
            // A public profile read; the user itself is named as the caller because the gateway
            // acts for no connection here (fan-out), and the grain only needs an identity.
            var profile = await GrainCaller.AsUser(userId, isGuest: false, () => grains.GetGrain<IUserGrain>(userId).GetProfile());
            Store(userId, profile.DisplayName);
            return profile.DisplayName;
        }
        catch (Exception ex)
        {
            LogLookupFailed(logger, userId, ex.GetType().Name);
            return userId;
        }
    }

    private void Store(string userId, string name)
    {
        if (_names.Count >= MaxEntries)
        {
            _names.Clear();
        }

        _names[userId] = new Entry(name, timeProvider.GetUtcNow());
    }

    [LoggerMessage(EventId = 5520, Level = LogLevel.Debug, Message = "Display name of {UserId} could not be read ({Error}); using the id")]
    private static partial void LogLookupFailed(ILogger logger, string userId, string error);

    private readonly record struct Entry(string Name, DateTimeOffset FetchedAt);
}
