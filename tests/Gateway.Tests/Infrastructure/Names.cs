using System.Security.Cryptography;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>Unique test data, so tests sharing a database never collide.</summary>
public static class Names
{
    /// <summary>A valid, unique username: <paramref name="prefix"/> plus 8 random hex digits.</summary>
    public static string Unique(string prefix = "user") => $"{prefix}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public const string Password = "correct horse battery staple";
}
