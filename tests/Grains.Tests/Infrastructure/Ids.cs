namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>Unique, valid ids and names, so tests never share data.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(32, prefix.Length + 13)];
}
