using OrleansChat.Runtime;

namespace OrleansChat.Runtime.Benchmarks;

public interface IPingGrain : IGrainWithStringKey
{
    Task<int> Ping(int value);

    Task<int> Take(string payload);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);

    public Task<int> Take(string payload) => Task.FromResult(payload.Length + ++_calls);
}

/// <summary>The same work as <see cref="PingGrain"/> without any runtime: the floor a grain call is compared against.</summary>
public sealed class PlainPing : IPingGrain
{
    private int _calls;

    public Task<int> Ping(int value) => Task.FromResult(value + ++_calls);

    public Task<int> Take(string payload) => Task.FromResult(payload.Length + ++_calls);
}
