using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class TableOperationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    private readonly ManualTimeProvider _time = new();

    [Fact]
    public async Task An_operation_that_does_not_answer_fails_at_the_timeout_as_a_cancelled_operation()
    {
        var operation = new TableOperation(Timeout, _time);
        var silent = new TaskCompletionSource<int>();

        var read = operation.ReadAsync(_ => silent.Task, CancellationToken.None);
        _time.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(read.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task While_an_abandoned_read_is_pending_no_other_read_starts_and_reads_resume_once_it_ends()
    {
        var operation = new TableOperation(Timeout, _time);
        var silent = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        Task<int> Read(CancellationToken ct)
        {
            started++;
            return silent.Task;
        }

        var first = operation.ReadAsync(Read, CancellationToken.None);
        _time.Advance(Timeout);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);

        // Fails at once, as a timed-out read does, without asking the silent server again.
        var second = operation.ReadAsync(Read, CancellationToken.None);
        Assert.True(second.IsCompleted);
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.Equal(1, started);

        // Writes are not held back by a pending read.
        Assert.Equal(7, await operation.RunAsync(_ => Task.FromResult(7), CancellationToken.None));

        silent.SetResult(42);
        await Wait.Until(() => operation.ReadAsync(_ => Task.FromResult(0), CancellationToken.None).IsCompletedSuccessfully, "reads to start again once the abandoned one ended");
        Assert.Equal(42, await operation.ReadAsync(Read, CancellationToken.None));
        Assert.Equal(2, started);
    }

    [Fact]
    public async Task A_read_cancelled_by_its_caller_fails_with_the_callers_token_and_holds_back_no_later_read()
    {
        var operation = new TableOperation(Timeout, _time);
        using var caller = new CancellationTokenSource();
        var pending = new TaskCompletionSource<int>();

        var read = operation.ReadAsync(_ => pending.Task, caller.Token);
        await caller.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(caller.Token, error.CancellationToken);
        Assert.Equal(5, await operation.ReadAsync(_ => Task.FromResult(5), CancellationToken.None));
    }
}
