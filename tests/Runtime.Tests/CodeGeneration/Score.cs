namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Closes a generic base that has private members.</summary>
[GenerateSerializer]
public sealed class Score : Labelled<int>
{
    public Score()
    {
    }

    public Score(string label, int value, int max)
        : base(label, value)
    {
        Max = max;
    }

    [Id(2)]
    public int Max { get; set; }
}
