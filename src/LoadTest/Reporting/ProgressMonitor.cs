using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Scenarios;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>Samples a workload once a second for the live display, until disposed.</summary>
internal sealed class ProgressMonitor : IAsyncDisposable
{
    private readonly ChatWorkload _workload;
    private readonly IRunReporter _reporter;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    private ProgressMonitor(ChatWorkload workload, IRunReporter reporter, string phase)
    {
        _workload = workload;
        _reporter = reporter;
        Phase = phase;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Shown next to the figures (set-up, sending, draining, …).</summary>
    public string Phase { get; set; }

    public static ProgressMonitor Start(ChatWorkload workload, IRunReporter reporter, string phase) => new(workload, reporter, phase);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var previous = _workload.Metrics.Snapshot();
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            var current = _workload.Metrics.Snapshot();
            var window = current.Since(previous);
            previous = current;
            var seconds = Math.Max(window.WindowSeconds, 1e-9);
            _reporter.Sample(new ProgressSample(
                Phase,
                System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds,
                _workload.Fleet.ConnectedCount,
                _workload.Fleet.Clients.Count,
                window.SendsAttempted / seconds,
                window.Acked / seconds,
                window.Delivered / seconds,
                window.Delivery.Summarize(0.001),
                _workload.Metrics.Errors.Total,
                current.Reconnects,
                current.Duplicates));
        }
    }
}
