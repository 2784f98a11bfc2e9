namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A readonly record struct: restored through its primary constructor.</summary>
[GenerateSerializer]
public readonly record struct TextRange([property: Id(0)] int Start, [property: Id(1)] int End);
