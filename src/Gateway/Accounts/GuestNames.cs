using System.Security.Cryptography;

namespace OrleansChat.Gateway.Accounts;

/// <summary>Generated guest names: <c>guest-</c> and six random hex digits, e.g. <c>guest-7f3a2c</c>.</summary>
internal static class GuestNames
{
    public static string Generate() => UsernameRules.GuestPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
}
