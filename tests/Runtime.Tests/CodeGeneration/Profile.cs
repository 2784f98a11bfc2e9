namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A class with init-only, settable and nullable members and initializers.</summary>
[GenerateSerializer]
public sealed class Profile
{
    [Id(0)]
    public string Name { get; init; } = "";

    [Id(1)]
    public List<string> Tags { get; init; } = [];

    [Id(2)]
    public int? Age { get; set; }
}
