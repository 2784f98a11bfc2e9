namespace OrleansChat.Runtime.Tests.Persistence;

/// <summary>State System.Text.Json refuses to render (it exposes a <see cref="System.Type"/>), while the binary codec stores it fine.</summary>
public sealed record OpaqueState(string Name)
{
    public Type Kind => typeof(OpaqueState);
}
