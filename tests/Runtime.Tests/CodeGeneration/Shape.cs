namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A base record; <see cref="Circle"/> passes its positional parameter on.</summary>
[GenerateSerializer]
public abstract record Shape([property: Id(0)] string Name);
