using System.Diagnostics;

namespace OrleansChat.Testing;

/// <summary>Waits on conditions, never on fixed sleeps; a timeout says what was expected.</summary>
public static class Wait
{
    // Generous: a loaded CI machine can be many times slower than a workstation, and only a
    // failing run ever waits this long.
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task Until(Func<bool> condition, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {expectation}.");
            }

            // Polls yield the thread between checks; the wait ends as soon as the condition holds.
            await Task.Delay(5);
        }
    }

    public static async Task Until(Func<Task<bool>> condition, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting until {expectation}.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Awaits a task with a timeout that names what was awaited.</summary>
    public static async Task<T> For<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }

    public static async Task For(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }
}
