using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime;
using OrleansChat.Runtime.Benchmarks;
using OrleansChat.Runtime.Hosting;

// Usage: OrleansChat.Runtime.Benchmarks [--seconds N] [--workers N] [--grains N] [--out DIR]
var seconds = IntArg("--seconds", 5);
var workers = IntArg("--workers", Environment.ProcessorCount * 2);
var grainCount = IntArg("--grains", 1000);
var outDir = StringArg("--out", "artifacts/benchmarks");
var remotePostgres = StringArg("--remote-postgres", "");
var duration = TimeSpan.FromSeconds(seconds);

var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders();
builder.Services.AddGrainRuntime(o => o.GrainAssemblies.Add(typeof(PingGrain).Assembly));
using var host = builder.Build();
await host.StartAsync();
var factory = host.Services.GetRequiredService<IGrainFactory>();

var grains = Enumerable.Range(0, grainCount).Select(i => factory.GetGrain<IPingGrain>($"ping-{i}")).ToArray();
var plain = Enumerable.Range(0, grainCount).Select(_ => (IPingGrain)new PlainPing()).ToArray();
var payload = new string('x', 200);
foreach (var grain in grains)
{
    await grain.Ping(0);
}

Func<IPingGrain, Task<int>> ping = g => g.Ping(1);
Func<IPingGrain, Task<int>> take = g => g.Take(payload);

// Warm-up so tiered compilation has settled before anything is measured.
await LocalCallBenchmark.RunAsync("warm-up", grains, ping, workers, TimeSpan.FromSeconds(2));
await LocalCallBenchmark.RunAsync("warm-up", plain, ping, workers, TimeSpan.FromSeconds(1));

var results = new List<ScenarioResult>
{
    await LocalCallBenchmark.RunAsync("baseline: direct interface call, no runtime", plain, ping, workers, duration),
    await LocalCallBenchmark.RunAsync("grain call, trivial method", grains, ping, workers, duration),
    await LocalCallBenchmark.RunAsync("grain call, 200-byte string argument", grains, take, workers, duration),
};
var bytesPlain = LocalCallBenchmark.MeasureAllocatedBytesPerCall(plain, ping, 1_000_000);
var bytesPing = LocalCallBenchmark.MeasureAllocatedBytesPerCall(grains, ping, 1_000_000);
var bytesTake = LocalCallBenchmark.MeasureAllocatedBytesPerCall(grains, take, 1_000_000);
await host.StopAsync();

var baseline = results[0].CallsPerSecond;
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}; {workers} closed-loop workers over {grainCount} grains, {seconds} s per scenario.");
report.AppendLine();
report.AppendLine("| scenario | calls/s | ratio to baseline | p50 µs | p99 µs | p99.9 µs |");
report.AppendLine("|---|---:|---:|---:|---:|---:|");
foreach (var r in results)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {r.Name} | {r.CallsPerSecond:N0} | {r.CallsPerSecond / baseline:0.000} | {r.Latency.P50Micros:0.00} | {r.Latency.P99Micros:0.00} | {r.Latency.P999Micros:0.00} |");
}

report.AppendLine();
report.AppendLine("| allocation, single thread, idle grains | bytes per call |");
report.AppendLine("|---|---:|");
report.AppendLine(CultureInfo.InvariantCulture, $"| baseline: direct call | {bytesPlain:0.0} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| grain call, trivial method | {bytesPing:0.0} |");
report.AppendLine(CultureInfo.InvariantCulture, $"| grain call, 200-byte argument | {bytesTake:0.0} |");

Directory.CreateDirectory(outDir);
var path = Path.Combine(outDir, "runtime-local.md");
await File.WriteAllTextAsync(path, report.ToString());
Console.WriteLine(report.ToString());
Console.WriteLine($"Written to {path}");

if (remotePostgres.Length > 0)
{
    var remote = await RemoteBenchmark.RunAsync(remotePostgres, duration);
    var remotePath = Path.Combine(outDir, "runtime-remote.md");
    await File.WriteAllTextAsync(remotePath, remote);
    Console.WriteLine(remote);
    Console.WriteLine($"Written to {remotePath}");
}
return 0;

int IntArg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string StringArg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
