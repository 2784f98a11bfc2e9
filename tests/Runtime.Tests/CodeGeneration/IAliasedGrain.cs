namespace OrleansChat.Runtime.Tests.CodeGeneration;

/// <summary>
/// Aliased to "foobar", one of FNV-1a's published test vectors (0xbf9cf968), so the test checks the
/// hash against a value computed outside this project.
/// </summary>
[Alias("foobar")]
public interface IAliasedGrain : IGrainWithStringKey
{
    Task Ping();
}
