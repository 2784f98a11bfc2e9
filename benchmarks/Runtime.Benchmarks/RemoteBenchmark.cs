using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Runtime.Benchmarks;

/// <summary>
/// Remote grain calls from a cluster client through two silos on loopback (all in this process,
/// sharing the machine's cores), next to the raw TCP floor with the same payload and concurrency.
/// </summary>
internal static class RemoteBenchmark
{
    public static async Task<string> RunAsync(string connectionString, TimeSpan duration)
    {
        var clusterId = "bench" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<WebApplication>();
        for (var i = 0; i < 2; i++)
        {
            silos.Add(await StartSiloAsync(connectionString, clusterId, i));
        }

        var clientBuilder = Host.CreateApplicationBuilder();
        clientBuilder.Logging.ClearProviders();
        clientBuilder.Services.AddOrleansChatPostgres(connectionString);
        clientBuilder.Services.AddClusterClient([typeof(PingGrain).Assembly], o => o.ClusterId = clusterId);
        using var client = clientBuilder.Build();
        await client.StartAsync();
        await client.Services.GetRequiredService<IClusterClientStatus>().WaitForActiveSilosAsync(2).WaitAsync(TimeSpan.FromSeconds(30));
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var grains = Enumerable.Range(0, 4096).Select(i => factory.GetGrain<IPingGrain>($"remote-{i}")).ToArray();
        foreach (var grain in grains)
        {
            await grain.Ping(0);
        }

        await using var floor = new RawTcpFloor();
        await floor.StartAsync();

        // The request frame of a Ping call is about 60 bytes of header plus a 2-byte argument; the floor sends the same.
        var frame = RawTcpFloor.Frame(64);
        var rows = new List<(int InFlight, ScenarioResult Grain, ScenarioResult Floor)>();
        await InFlightBenchmark.RunAsync("warm-up", i => grains[i % grains.Length].Ping(1), 64, TimeSpan.FromSeconds(2));
        await InFlightBenchmark.RunAsync("warm-up", _ => floor.CallAsync(frame), 64, TimeSpan.FromSeconds(1));
        foreach (var inFlight in new[] { 1, 64, 1024 })
        {
            var raw = await InFlightBenchmark.RunAsync($"raw TCP, {inFlight} in flight", _ => floor.CallAsync(frame), inFlight, duration);
            var grain = await InFlightBenchmark.RunAsync($"grain call, {inFlight} in flight", i => grains[i % grains.Length].Ping(1), inFlight, duration);
            rows.Add((inFlight, grain, raw));
        }

        await client.StopAsync();
        foreach (var silo in silos)
        {
            await silo.StopAsync();
            await silo.DisposeAsync();
        }

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Client and 2 silos in one process on loopback TCP, {duration.TotalSeconds:0} s per scenario; the floor is one pipelined TCP connection echoing 68-byte frames.");
        report.AppendLine();
        report.AppendLine("| in flight | grain calls/s | raw TCP round trips/s | ratio | grain p50 µs | grain p99 µs | grain p99.9 µs | raw p50 µs | raw p99 µs |");
        report.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (inFlight, grain, raw) in rows)
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {inFlight} | {grain.CallsPerSecond:N0} | {raw.CallsPerSecond:N0} | {grain.CallsPerSecond / raw.CallsPerSecond:0.000} | {grain.Latency.P50Micros:0} | {grain.Latency.P99Micros:0} | {grain.Latency.P999Micros:0} | {raw.Latency.P50Micros:0} | {raw.Latency.P99Micros:0} |");
        }

        return report.ToString();
    }

    private static async Task<WebApplication> StartSiloAsync(string connectionString, string clusterId, int index)
    {
        var port = FreePort();
        var options = new SiloClusteringOptions
        {
            ClusterId = clusterId,
            SiloName = $"bench-{index}",
            SiloPort = port,
            ProbePort = port,
            ListenAddress = IPAddress.Loopback,
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddGrainRuntime(o => o.GrainAssemblies.Add(typeof(PingGrain).Assembly));
        builder.Services.AddSiloClustering(options);
        builder.WebHost.ConfigureKestrel(k => k.ListenForSilo(options));
        var app = builder.Build();
        await app.StartAsync();
        return app;
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
