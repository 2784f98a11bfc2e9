namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>A base grain interface; <see cref="IPoliteGreeterGrain"/> inherits its method.</summary>
public interface IGreeterGrain : IGrainWithStringKey
{
    Task<string> Greet(string name);
}
