namespace OrleansChat.Gateway.Auth;

/// <summary>Attempts recorded for one request, or the wait before another is allowed.</summary>
internal sealed record ThrottleReservation(IReadOnlyList<long> AttemptIds, TimeSpan? RetryAfter)
{
    public bool IsThrottled => RetryAfter is not null;
}
