namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A record whose positional parameters carry ids both ways: on the parameter and on the property.</summary>
[GenerateSerializer]
public sealed record ChatLine([Id(0)] string Author, [property: Id(1)] string Text, [property: Id(2)] long Sequence);
