using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Diagnostics;

namespace OrleansChat.Runtime.Tests.Membership;

public sealed class TableOperationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    // As long as the default (six timeouts), set apart so that a change of the default does not hide here.
    private static readonly TimeSpan AbandonedReadLimit = TimeSpan.FromMinutes(6);

    private readonly ManualTimeProvider _time = new();
    private readonly ListLogger<TableOperation> _logger = new();

    [Fact]
    public async Task An_operation_that_does_not_answer_fails_at_the_timeout_as_a_cancelled_operation()
    {
        var operation = new TableOperation(Timeout, AbandonedReadLimit, _time, _logger);
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
        var operation = new TableOperation(Timeout, AbandonedReadLimit, _time, _logger);
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
        var operation = new TableOperation(Timeout, AbandonedReadLimit, _time, _logger);
        using var caller = new CancellationTokenSource();
        var pending = new TaskCompletionSource<int>();

        var read = operation.ReadAsync(_ => pending.Task, caller.Token);
        await caller.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        Assert.Equal(caller.Token, error.CancellationToken);
        Assert.Equal(5, await operation.ReadAsync(_ => Task.FromResult(5), CancellationToken.None));
    }

    [Fact]
    public async Task A_read_that_never_ends_holds_back_other_reads_only_until_the_abandoned_read_limit()
    {
        var operation = new TableOperation(Timeout, AbandonedReadLimit, _time, _logger);
        var reads = new List<TaskCompletionSource<int>>();

        var first = operation.ReadAsync(ct => Start(reads), CancellationToken.None);
        _time.Advance(Timeout);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(1, operation.PendingAbandonedReads);

        // Until the limit, counted from the abandonment, reads fail at once without asking the table.
        _time.Advance(AbandonedReadLimit - TimeSpan.FromSeconds(1));
        var held = operation.ReadAsync(ct => Start(reads), CancellationToken.None);
        Assert.True(held.IsCompleted);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        Assert.Single(reads);
        Assert.Empty(_logger.Entries);

        // At the limit a read starts again, although the first one never ended, and the backstop says so.
        _time.Advance(TimeSpan.FromSeconds(1));
        var fresh = operation.ReadAsync(ct => Start(reads), CancellationToken.None);
        Assert.Equal(2, reads.Count);
        var warning = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(2160, warning.EventId.Id);
        Assert.Contains("360 s ago", warning.Message, StringComparison.Ordinal);

        // The table answers new reads: they succeed, and later ones start normally.
        reads[1].SetResult(42);
        Assert.Equal(42, await fresh);
        Assert.Equal(7, await operation.ReadAsync(_ => Task.FromResult(7), CancellationToken.None));
        Assert.Equal(1, operation.PendingAbandonedReads);
        Assert.False(reads[0].Task.IsCompleted);
    }

    [Fact]
    public async Task Over_a_silence_that_never_ends_abandoned_reads_grow_by_at_most_one_per_abandoned_read_limit()
    {
        // The default limit, as the membership and the cluster client use it.
        var operation = new TableOperation(Timeout, _time, _logger);
        var limit = TableOperation.AbandonedReadLimitFor(Timeout);
        Assert.Equal(Timeout * TableOperation.AbandonedReadLimitFactor, limit);
        var refreshPeriod = TimeSpan.FromSeconds(10);
        var reads = new List<TaskCompletionSource<int>>();
        var silence = TimeSpan.FromHours(2);
        var start = _time.GetUtcNow();
        var refreshes = 0;

        while (_time.GetUtcNow() - start < silence)
        {
            refreshes++;
            var started = reads.Count;
            var read = operation.ReadAsync(ct => Start(reads), CancellationToken.None);
            if (reads.Count > started)
            {
                // Started: the table never answers it, so it is abandoned at the timeout.
                _time.Advance(Timeout);
            }

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
            Assert.Equal(reads.Count, operation.PendingAbandonedReads);
            var elapsed = _time.GetUtcNow() - start;
            Assert.True(reads.Count <= 1 + (elapsed / limit), $"{reads.Count} reads started in {elapsed}, more than one per {limit}");
            _time.Advance(refreshPeriod);
        }

        // Reads kept starting through the silence (one per limit and timeout), not one per refresh.
        var cycles = (int)(silence / (limit + Timeout + refreshPeriod));
        Assert.InRange(reads.Count, cycles, 1 + (int)(silence / limit));
        Assert.True(refreshes > 10 * reads.Count, $"{reads.Count} of {refreshes} refreshes reached the table");
        Assert.Equal(reads.Count - 1, _logger.Entries.Count(e => e.EventId.Id == 2160));

        // Once the driver lets go of them, none is left pending.
        foreach (var abandoned in reads)
        {
            abandoned.SetResult(0);
        }

        await Wait.Until(() => operation.PendingAbandonedReads == 0, "every abandoned read to be counted as ended");
        Assert.Equal(5, await operation.ReadAsync(_ => Task.FromResult(5), CancellationToken.None));
    }

    /// <summary>Starts a read the table never answers (until the test says so).</summary>
    private static Task<int> Start(List<TaskCompletionSource<int>> reads)
    {
        var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        reads.Add(read);
        return read.Task;
    }
}
