namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Inherits <see cref="IGreeterGrain.Greet"/> and adds its own method.</summary>
public interface IPoliteGreeterGrain : IGreeterGrain
{
    Task<string> Thank(string name);
}
