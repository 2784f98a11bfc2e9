using OrleansChat.LoadTest.Cli;
using OrleansChat.LoadTest.Reporting;

using OrleansChat.LoadTest.Tests.Infrastructure;

namespace OrleansChat.LoadTest.Tests.Reporting;

/// <summary>The tool as a user runs it (in this process), against the self-hosted baseline hub.</summary>
[Collection(LoopbackCollection.Name)]
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadtest-cli-").FullName;

    [Fact]
    public async Task A_run_that_violates_its_p99_objective_exits_with_3_and_says_why_in_the_result_file()
    {
        var output = Path.Combine(_folder, "violated.json");

        var exit = await RunAsync(["hot-room", "--self-hosted-baseline", "--members", "20", "--senders", "2", "--rate", "20",
            "--warmup", "0", "--duration", "1", "--no-live", "--slo-p99-ms", "0.000001", "--out", output]);

        Assert.Equal(ExitCodes.SloViolated, exit);
        var result = ResultJson.Read(output);
        Assert.True(result.Slo!.Violated);
        Assert.StartsWith("p99 ", result.Slo.Reasons[0], StringComparison.Ordinal);
        Assert.True(result.Delivery!.ExactlyOnceInOrder);
        Assert.Equal("20", result.Parameters["members"]);
    }

    [Fact]
    public async Task A_run_within_its_objectives_exits_with_0()
    {
        var output = Path.Combine(_folder, "met.json");

        var exit = await RunAsync(["small-rooms", "--self-hosted-baseline", "--rooms", "4", "--members-per-room", "3", "--rate", "20",
            "--warmup", "0", "--duration", "1", "--no-live", "--slo-p99-ms", "60000", "--slo-error-rate", "0", "--out", output]);

        var result = ResultJson.Read(output);
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {string.Join("; ", result.Slo!.Reasons)}; errors: {string.Join(", ", result.Errors.Select(e => $"{e.Key}={e.Value}"))}");
        Assert.False(result.Slo.Violated);
    }

    [Theory]
    [InlineData("hot-room", "--text-bytes", "5")]
    [InlineData("hot-room", "--slo-error-rate", "2")]
    [InlineData("hot-room", "--url", "http://example.com:5000")]
    [InlineData("hot-room", "--members", "0")]
    [InlineData("capacity", "--growth", "1")]
    [InlineData("soak", "--no-such-option", "1")]
    [InlineData("reconnect-storm", "--rate", "-1")]
    public async Task Invalid_option_values_exit_with_2_before_any_traffic(string command, string option, string value) =>
        Assert.Equal(ExitCodes.Usage, await RunAsync([command, "--self-hosted-baseline", "--no-live", option, value]));

    [Fact]
    public async Task The_probe_finds_the_baseline_hub_and_reports_a_missing_one()
    {
        await using var hub = await Baseline.BaselineHubServer.StartAsync(0, 0, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, await RunAsync(["probe", "--target", "baseline", "--url", hub.BaseUrl.ToString()]));
        await hub.DisposeAsync();
        Assert.Equal(ExitCodes.HubUnavailable, await RunAsync(["probe", "--target", "baseline", "--url", hub.BaseUrl.ToString(), "--timeout", "5"]));
    }

    [Fact]
    public async Task The_report_puts_system_and_baseline_side_by_side_and_marks_what_was_not_measured()
    {
        var results = Directory.CreateDirectory(Path.Combine(_folder, "results")).FullName;
        Assert.Equal(ExitCodes.Ok, await RunAsync(["hot-room", "--self-hosted-baseline", "--members", "10", "--senders", "2", "--rate", "10",
            "--warmup", "0", "--duration", "1", "--no-live", "--out", Path.Combine(results, "baseline-hot-room.json")]));
        await File.WriteAllTextAsync(Path.Combine(results, "gateway-skipped.txt"), "the gateway hub does not exist yet");
        var markdown = Path.Combine(_folder, "chat.md");

        Assert.Equal(ExitCodes.Ok, await RunAsync(["report", "--results", results, "--out", markdown, "--reproduce", "benchmarks/run.sh"]));

        var text = await File.ReadAllTextAsync(markdown);
        Assert.Contains("| figure | OrleansChat | baseline | ratio | target |", text, StringComparison.Ordinal);
        Assert.Contains("hot room p99 latency at 100 deliveries/s offered", text, StringComparison.Ordinal);
        Assert.Contains("the gateway hub does not exist yet", text, StringComparison.Ordinal);
        Assert.Contains("Reproduce: `benchmarks/run.sh`", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<int> RunAsync(string[] args) => LoadTestCommandLine.InvokeAsync(args);
}
