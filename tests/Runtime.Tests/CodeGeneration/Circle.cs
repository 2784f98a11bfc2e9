namespace OrleansChat.Runtime.Tests.CodeGeneration;

[GenerateSerializer]
public sealed record Circle(string Name, [property: Id(1)] double Radius) : Shape(Name);
