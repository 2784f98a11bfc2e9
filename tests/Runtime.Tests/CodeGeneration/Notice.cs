namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Immutable: local calls share it instead of copying it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Notice([property: Id(0)] string Text);
