namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Version 1 of a stored type; <see cref="ProfileV2"/> is the same type a release later.</summary>
[GenerateSerializer]
public sealed record ProfileV1([property: Id(0)] string Name, [property: Id(1)] int Karma);
