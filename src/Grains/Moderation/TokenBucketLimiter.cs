namespace OrleansChat.Grains.Moderation;

/// <summary>
/// Token buckets keyed by user: capacity <c>burst</c>, refilled at <c>permits</c> per <c>window</c>.
/// Lives in one grain activation (single-threaded, no locks) and uses the injected clock. Full
/// buckets equal absent ones, so they are pruned to bound memory in big rooms. State is lost when
/// the activation goes away, which only forgives a little.
/// </summary>
internal sealed class TokenBucketLimiter(int permits, TimeSpan window, int burst)
{
    private const int PruneThreshold = 1_024;
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _tokensPerTick = (double)permits / window.Ticks;

    /// <summary>Takes one token for <paramref name="key"/>; false (and nothing taken) when the bucket is empty.</summary>
    public bool TryAcquire(string key, DateTimeOffset now)
    {
        var tokens = Refill(key, now);
        if (tokens < 1)
        {
            return false;
        }

        _buckets[key] = new Bucket(tokens - 1, now);
        return true;
    }

    /// <summary>True when <paramref name="key"/> has a token, without taking it.</summary>
    public bool HasToken(string key, DateTimeOffset now) => Refill(key, now) >= 1;

    /// <summary>Time until <paramref name="key"/> has a token again.</summary>
    public TimeSpan RetryAfter(string key, DateTimeOffset now)
    {
        var missing = 1 - Refill(key, now);
        return missing <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(missing / _tokensPerTick));
    }

    private double Refill(string key, DateTimeOffset now)
    {
        if (_buckets.Count > PruneThreshold)
        {
            Prune(now);
        }

        if (!_buckets.TryGetValue(key, out var bucket))
        {
            return burst;
        }

        var elapsed = Math.Max(0, (now - bucket.UpdatedAt).Ticks);
        return Math.Min(burst, bucket.Tokens + (elapsed * _tokensPerTick));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.Tokens + (Math.Max(0, (now - bucket.UpdatedAt).Ticks) * _tokensPerTick) >= burst)
            {
                _buckets.Remove(key);
            }
        }
    }

    private readonly record struct Bucket(double Tokens, DateTimeOffset UpdatedAt);
}
