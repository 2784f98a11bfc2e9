namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A base class whose members derived [GenerateSerializer] types include.</summary>
[GenerateSerializer]
public class Animal
{
    [Id(0)]
    public string Name { get; set; } = "";
}
