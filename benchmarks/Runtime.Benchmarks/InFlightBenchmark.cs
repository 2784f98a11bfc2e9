using System.Diagnostics;

namespace OrleansChat.Runtime.Benchmarks;

/// <summary>Keeps exactly N calls in flight (N closed-loop workers) for a duration; reports calls/s and latency.</summary>
internal static class InFlightBenchmark
{
    public static async Task<ScenarioResult> RunAsync(string name, Func<int, Task> call, int inFlight, TimeSpan duration)
    {
        var recorders = Enumerable.Range(0, inFlight).Select(_ => new LatencyRecorder(Math.Max(10_000, 8_000_000 / inFlight))).ToArray();
        var stop = false;
        long calls = 0;
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, inFlight).Select(w => Task.Run(async () =>
        {
            var recorder = recorders[w];
            long local = 0;
            var i = w;
            while (!Volatile.Read(ref stop))
            {
                var start = Stopwatch.GetTimestamp();
                await call(i);
                recorder.Record(start, Stopwatch.GetTimestamp());
                i += inFlight;
                local++;
            }

            Interlocked.Add(ref calls, local);
        })).ToArray();
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await Task.WhenAll(workers);
        watch.Stop();
        return new ScenarioResult(name, calls / watch.Elapsed.TotalSeconds, LatencyRecorder.Summarize(recorders));
    }
}
