namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A plain object implementing the grain interface, for requests to invoke.</summary>
internal sealed class Calculator : ICalculatorGrain
{
    public int Total { get; private set; }

    public int Touches { get; private set; }

    public Task<int> Add(int left, int right)
    {
        Total += left + right;
        return Task.FromResult(left + right);
    }

    public Task Reset()
    {
        Total = 0;
        return Task.CompletedTask;
    }

    public ValueTask<string> Describe(string prefix) => ValueTask.FromResult($"{prefix}{Total}");

    public ValueTask Touch()
    {
        Touches++;
        return ValueTask.CompletedTask;
    }

    public Task<int> GetTotal() => Task.FromResult(Total);

    public Task Poke() => Task.CompletedTask;

    public Task<List<string>> Tag(List<string> items, string label) => Task.FromResult(items.Select(i => label + i).ToList());
}
