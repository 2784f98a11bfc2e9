namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Version 2 of <see cref="ProfileV1"/>: same ids, plus a field with a default and one with an initializer.</summary>
[GenerateSerializer]
public sealed record ProfileV2([property: Id(0)] string Name, [property: Id(1)] int Karma, [property: Id(2)] string Locale = "en")
{
    [Id(3)]
    public List<string> Badges { get; init; } = ["newcomer"];
}
