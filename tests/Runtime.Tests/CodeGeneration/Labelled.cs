namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A generic type with a private field and an init-only property, reached through accessors.</summary>
[GenerateSerializer]
public class Labelled<TValue>
{
    [Id(0)]
    private TValue _value = default!;

    public Labelled()
    {
    }

    public Labelled(string label, TValue value)
    {
        Label = label;
        _value = value;
    }

    [Id(1)]
    public string Label { get; init; } = "";

    public TValue Value => _value;
}
