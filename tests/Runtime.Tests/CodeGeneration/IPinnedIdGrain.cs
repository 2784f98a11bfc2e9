namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>Method ids pinned with [Id] do not depend on declaration order.</summary>
public interface IPinnedIdGrain : IGrainWithStringKey
{
    [Id(7)]
    Task Second();

    [Id(3)]
    Task First();
}
