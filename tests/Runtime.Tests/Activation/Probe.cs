using System.Collections.Concurrent;

namespace OrleansChat.Runtime.Tests.Activation;

/// <summary>
/// Shared between a test and the grains it drives, keyed by the grain key each test makes unique:
/// gates the test opens, counters and an event log the grains write.
/// </summary>
public sealed class Probe
{
    private static readonly ConcurrentDictionary<string, Probe> All = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private int _inside;
    private int _maxInside;
    private int _started;

    public static Probe For(string key) => All.GetOrAdd(key, _ => new Probe());

    public ConcurrentQueue<string> Events { get; } = new();

    public int Inside => Volatile.Read(ref _inside);

    public int MaxInside => Volatile.Read(ref _maxInside);

    public int Started => Volatile.Read(ref _started);

    public Task Gate(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Open(string name) => _gates.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Enter()
    {
        Interlocked.Increment(ref _started);
        var now = Interlocked.Increment(ref _inside);
        int max;
        while (now > (max = Volatile.Read(ref _maxInside)) && Interlocked.CompareExchange(ref _maxInside, now, max) != max)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inside);
}
