using System.Diagnostics;

namespace OrleansChat.Runtime.Benchmarks;

/// <summary>
/// Closed-loop load: each worker calls grains one after another (awaiting each), spread over many
/// grains. Reports calls/s and exact latency percentiles.
/// </summary>
internal static class LocalCallBenchmark
{
    public static async Task<ScenarioResult> RunAsync(string name, IReadOnlyList<IPingGrain> targets, Func<IPingGrain, Task<int>> call, int workers, TimeSpan duration)
    {
        var recorders = Enumerable.Range(0, workers).Select(_ => new LatencyRecorder(20_000_000 / workers)).ToArray();
        var stop = false;
        long calls = 0;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var recorder = recorders[w];
            var index = w;
            long local = 0;
            while (!Volatile.Read(ref stop))
            {
                var start = Stopwatch.GetTimestamp();
                await call(targets[index]);
                recorder.Record(start, Stopwatch.GetTimestamp());
                index += workers;
                if (index >= targets.Count)
                {
                    index -= targets.Count;
                }

                local++;
            }

            Interlocked.Add(ref calls, local);
        })).ToArray();

        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(tasks);
        watch.Stop();
        var latency = LatencyRecorder.Summarize(recorders);
        return new ScenarioResult(name, calls / watch.Elapsed.TotalSeconds, latency);
    }

    /// <summary>Bytes allocated per call on one thread, sequential calls to idle grains (the inline hot path).</summary>
    public static double MeasureAllocatedBytesPerCall(IReadOnlyList<IPingGrain> targets, Func<IPingGrain, Task<int>> call, int calls)
    {
        // Warm the path so one-time allocations (tiering, caches) are not counted.
        for (var i = 0; i < 10_000; i++)
        {
            call(targets[i % targets.Count]).GetAwaiter().GetResult();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < calls; i++)
        {
            call(targets[i % targets.Count]).GetAwaiter().GetResult();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)calls;
    }
}

internal sealed record ScenarioResult(string Name, double CallsPerSecond, LatencySummary Latency);
