using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// This replica's copy of the shared key ring: signs with the newest active key and verifies
/// with any key still in its verification window. Reloaded periodically by
/// <see cref="SigningKeyRingService"/>, which also rotates; a token naming a key id this replica
/// has not loaded yet triggers a reload, at most once per second so forged key ids cannot turn
/// into a query flood.
/// </summary>
internal sealed partial class SigningKeyRing
{
    private static readonly TimeSpan MinimumReloadInterval = TimeSpan.FromSeconds(1);

    private readonly SigningKeyStore _store;
    private readonly GatewayAuthOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<SigningKeyRing> _logger;
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private volatile FrozenDictionary<string, SigningKey>? _keys;
    private long _lastReloadTimestamp;

    public SigningKeyRing(SigningKeyStore store, IOptions<GatewayAuthOptions> options, TimeProvider timeProvider, ILogger<SigningKeyRing> logger)
    {
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public bool IsLoaded => _keys is not null;

    /// <summary>
    /// First load at start-up: rotates if needed, and fails if any stored key cannot be decrypted,
    /// so a replica configured with another replica's wrong secret never starts.
    /// </summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => ReloadAsync(rotate: true, strict: true, skipIfReloadedWithin: null, cancellationToken);

    /// <summary>Periodic reload and rotation.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => ReloadAsync(rotate: true, strict: false, skipIfReloadedWithin: null, cancellationToken);

    /// <summary>The key to sign a new token with now.</summary>
    /// <exception cref="SigningKeyUnavailableException">No key can sign, even after a reload.</exception>
    public async ValueTask<SigningKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        if (FindSigningKey() is { } key)
        {
            return key;
        }

        // The current key's signing period ended before the periodic refresh rotated it (e.g. the
        // database was unreachable meanwhile): rotate now.
        await ReloadAsync(rotate: true, strict: false, skipIfReloadedWithin: null, cancellationToken);
        return FindSigningKey() ?? throw new SigningKeyUnavailableException("No signing key is active.");
    }

    /// <summary>The key <paramref name="keyId"/> if it may verify a token now; null for unknown or retired keys.</summary>
    public async ValueTask<SigningKey?> FindVerificationKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (_keys is { } keys && keys.TryGetValue(keyId, out var known))
        {
            return known.CanVerifyAt(now) ? known : null;
        }

        if (_timeProvider.GetElapsedTime(Interlocked.Read(ref _lastReloadTimestamp)) < MinimumReloadInterval)
        {
            return null;
        }

        await ReloadAsync(rotate: false, strict: false, skipIfReloadedWithin: MinimumReloadInterval, cancellationToken);
        return _keys is { } reloaded && reloaded.TryGetValue(keyId, out var found) && found.CanVerifyAt(now) ? found : null;
    }

    private SigningKey? FindSigningKey()
    {
        var now = _timeProvider.GetUtcNow();
        SigningKey? newest = null;
        foreach (var key in (_keys ?? FrozenDictionary<string, SigningKey>.Empty).Values)
        {
            if (key.CanSignAt(now) && (newest is null || key.ActivatesAt > newest.ActivatesAt))
            {
                newest = key;
            }
        }

        return newest;
    }

    private async Task ReloadAsync(bool rotate, bool strict, TimeSpan? skipIfReloadedWithin, CancellationToken cancellationToken)
    {
        await _reloadLock.WaitAsync(cancellationToken);
        try
        {
            // A caller that queued behind another reload finds the ring fresh and goes no further.
            if (skipIfReloadedWithin is { } within && _timeProvider.GetElapsedTime(Interlocked.Read(ref _lastReloadTimestamp)) < within)
            {
                return;
            }

            var now = _timeProvider.GetUtcNow();
            if (rotate)
            {
                var lead = _options.SigningKeyLifetime / 10;
                var activationDelay = TimeSpan.FromTicks(Math.Min((_options.KeyRingRefreshInterval * 2 + TimeSpan.FromSeconds(5)).Ticks, (lead / 2).Ticks));
                var created = await _store.EnsureCurrentAsync(
                    now, lead, activationDelay, _options.SigningKeyLifetime, _options.AccessTokenLifetime + _options.ClockSkew, cancellationToken);
                if (created is not null)
                {
                    LogKeyCreated(_logger, created);
                }
            }

            var loaded = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
            var unreadable = new List<string>();
            foreach (var row in await _store.LoadAsync(now, cancellationToken))
            {
                if (row.Algorithm != SigningKeyStore.Algorithm)
                {
                    unreadable.Add(row.KeyId);
                    continue;
                }

                try
                {
                    var material = _store.Unprotect(row);
                    loaded[row.KeyId] = new SigningKey(row.KeyId, material, row.ActivatesAt, row.SignUntil, row.VerifyUntil);
                }
                catch (CryptographicException)
                {
                    unreadable.Add(row.KeyId);
                }
            }

            if (unreadable.Count > 0)
            {
                var ids = string.Join(", ", unreadable);
                if (strict)
                {
                    throw new SigningKeyUnavailableException(
                        $"Signing key(s) {ids} in auth_signing_keys cannot be decrypted with the configured {GatewayAuthOptions.SectionName}:SigningSecret. " +
                        "Every gateway replica sharing this database must be configured with the same secret.");
                }

                LogUnreadableKeys(_logger, ids);
            }

            _keys = loaded.ToFrozenDictionary(StringComparer.Ordinal);
            Interlocked.Exchange(ref _lastReloadTimestamp, _timeProvider.GetTimestamp());
            LogLoaded(_logger, loaded.Count, FindSigningKey()?.KeyId ?? "(none)");
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Created signing key {KeyId}")]
    private static partial void LogKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Debug, Message = "Loaded {KeyCount} signing key(s); signing with {SigningKeyId}")]
    private static partial void LogLoaded(ILogger logger, int keyCount, string signingKeyId);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Signing key(s) {KeyIds} cannot be decrypted with this replica's signing secret; tokens they signed are refused here. Check that every replica has the same Gateway:Auth:SigningSecret")]
    private static partial void LogUnreadableKeys(ILogger logger, string keyIds);
}
