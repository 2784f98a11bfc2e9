namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>Condition waits with a timeout whose failure says what was expected.</summary>
internal static class Wait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task UntilAsync(Func<bool> condition, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        using var expired = new CancellationTokenSource(limit);
        while (!condition())
        {
            if (expired.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {limit} waiting until {expectation}.");
            }

            // Polling interval for the condition, not a stand-in for it.
            await Task.Delay(10);
        }
    }

    public static async Task<T> ForAsync<T>(Task<T> task, string expectation, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout ?? DefaultTimeout} waiting until {expectation}.");
        }
    }

    public static async Task ForAsync(Task task, string expectation, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {timeout ?? DefaultTimeout} waiting until {expectation}.");
        }
    }
}
