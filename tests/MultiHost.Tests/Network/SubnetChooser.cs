using System.Net;
using System.Text.Json;

namespace OrleansChat.MultiHost.Tests.Network;

/// <summary>
/// Picks a random private /24 that no route of this machine overlaps (any table), so the test
/// neither shadows a real network nor collides with a parallel run's bridge.
/// </summary>
internal static class SubnetChooser
{
    public static byte[] Choose()
    {
        var taken = RoutedNetworks();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            byte[] candidate = Random.Shared.Next(3) switch
            {
                0 => [10, (byte)Random.Shared.Next(16, 255), (byte)Random.Shared.Next(0, 256)],
                1 => [172, (byte)Random.Shared.Next(16, 32), (byte)Random.Shared.Next(0, 256)],
                _ => [192, 168, (byte)Random.Shared.Next(0, 256)],
            };
            var network = new IPNetwork(new IPAddress([.. candidate, 0]), 24);
            if (!taken.Any(t => t.Contains(network.BaseAddress) || network.Contains(t.BaseAddress)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No private /24 is free of this machine's routes after 200 tries.");
    }

    private static List<IPNetwork> RoutedNetworks()
    {
        using var routes = JsonDocument.Parse(HostCommand.Run("ip", "-j", "-4", "route", "show", "table", "all"));
        var networks = new List<IPNetwork>();
        foreach (var route in routes.RootElement.EnumerateArray())
        {
            if (!route.TryGetProperty("dst", out var dst) || dst.GetString() is not { } text || text == "default")
            {
                continue;
            }

            if (IPNetwork.TryParse(text.Contains('/', StringComparison.Ordinal) ? text : text + "/32", out var network))
            {
                networks.Add(network);
            }
        }

        return networks;
    }
}
