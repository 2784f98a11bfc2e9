namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Covers every return shape and the interleaving attributes.</summary>
public interface ICalculatorGrain : IGrainWithStringKey
{
    Task<int> Add(int left, int right);

    Task Reset();

    ValueTask<string> Describe(string prefix);

    ValueTask Touch();

    [ReadOnly]
    Task<int> GetTotal();

    [AlwaysInterleave]
    Task Poke();

    Task<List<string>> Tag(List<string> items, string label);
}
