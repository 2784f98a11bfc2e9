namespace OrleansChat.Gateway.Hubs;

/// <summary>A token bucket: <c>burst</c> permits at once, refilled at <c>permitsPerSecond</c>. Thread-safe.</summary>
internal sealed class TokenBucket(double permitsPerSecond, int burst, long startTimestamp)
{
    private readonly Lock _lock = new();
    private double _tokens = burst;
    private long _last = startTimestamp;

    public bool TryTake(long timestamp, TimeProvider timeProvider)
    {
        lock (_lock)
        {
            var elapsed = timeProvider.GetElapsedTime(_last, timestamp).TotalSeconds;
            if (elapsed > 0)
            {
                _tokens = Math.Min(burst, _tokens + (elapsed * permitsPerSecond));
                _last = timestamp;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
