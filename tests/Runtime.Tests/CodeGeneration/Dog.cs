namespace OrleansChat.Runtime.Tests.CodeGeneration;

[GenerateSerializer]
public sealed class Dog : Animal
{
    [Id(1)]
    public int Age { get; set; }
}
