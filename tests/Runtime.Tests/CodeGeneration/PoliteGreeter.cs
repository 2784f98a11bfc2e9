namespace OrleansChat.Runtime.Tests.CodeGeneration;

internal sealed class PoliteGreeter : IPoliteGreeterGrain
{
    public Task<string> Greet(string name) => Task.FromResult($"Hello, {name}");

    public Task<string> Thank(string name) => Task.FromResult($"Thank you, {name}");
}
