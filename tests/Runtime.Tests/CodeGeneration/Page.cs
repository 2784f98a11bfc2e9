namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A generic type: one open generic codec serves every instantiation.</summary>
[GenerateSerializer]
public sealed class Page<TItem>
{
    [Id(0)]
    public List<TItem> Items { get; set; } = [];

    [Id(1)]
    public string? NextCursor { get; set; }
}
