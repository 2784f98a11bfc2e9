using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrleansChat.LoadTest.Reporting;

/// <summary>
/// Progress on the console: a live-updating table (Spectre.Console) on an interactive terminal,
/// otherwise one plain line every few seconds on standard error, so logs of scripted runs stay readable.
/// </summary>
internal sealed class ConsoleReporter(bool live) : IRunReporter
{
    private const int LogLines = 6;
    private const int PlainEverySeconds = 5;

    private readonly Lock _gate = new();
    private readonly Queue<string> _log = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private ProgressSample? _latest;
    private int _samples;
    private bool _liveActive;

    /// <summary>Whether a live display makes sense here (a terminal, not redirected).</summary>
    public static bool CanRunLive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public void Info(string message)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0} s] {message}");
        lock (_gate)
        {
            if (_liveActive)
            {
                _log.Enqueue(line);
                while (_log.Count > LogLines)
                {
                    _log.Dequeue();
                }

                return;
            }
        }

        Console.Error.WriteLine(line);
    }

    public void Sample(ProgressSample sample)
    {
        bool print;
        lock (_gate)
        {
            _latest = sample;
            print = !_liveActive && ++_samples % PlainEverySeconds == 0;
        }

        if (print)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{sample.ElapsedSeconds,6:0.0} s] {sample.Phase}: {sample.Connected}/{sample.Clients} connected, {sample.SendsPerSecond:N0} sent/s, {sample.AckedPerSecond:N0} acked/s, {sample.DeliveredPerSecond:N0} delivered/s, p50 {sample.Latency.P50Ms:0.0} ms, p99 {sample.Latency.P99Ms:0.0} ms, errors {sample.Errors}, reconnects {sample.Reconnects}"));
        }
    }

    /// <summary>Runs <paramref name="work"/> under the live display (or plainly when not live).</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!live)
        {
            return await work();
        }

        lock (_gate)
        {
            _liveActive = true;
        }

        try
        {
            T result = default!;
            await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
            {
                var task = work();
                while (!task.IsCompleted)
                {
                    await Task.WhenAny(task, Task.Delay(500));
                    context.UpdateTarget(Render());
                }

                context.UpdateTarget(Render());
                result = await task;
            });
            return result;
        }
        finally
        {
            lock (_gate)
            {
                _liveActive = false;
            }
        }
    }

    private IRenderable Render()
    {
        ProgressSample? sample;
        string[] log;
        lock (_gate)
        {
            sample = _latest;
            log = [.. _log];
        }

        // Two columns fit any terminal width; one row per figure.
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]OrleansChat load test[/]")
            .AddColumn("last second").AddColumn(new TableColumn("").RightAligned());
        if (sample is not null)
        {
            table.AddRow("phase", Markup.Escape(sample.Phase));
            table.AddRow("elapsed", F($"{sample.ElapsedSeconds:0} s"));
            table.AddRow("connected", F($"{sample.Connected:N0} / {sample.Clients:N0}"));
            table.AddRow("sent / acked per s", F($"{sample.SendsPerSecond:N0} / {sample.AckedPerSecond:N0}"));
            table.AddRow("delivered per s", F($"{sample.DeliveredPerSecond:N0}"));
            table.AddRow("latency p50 / p99", F($"{sample.Latency.P50Ms:0.0} / {sample.Latency.P99Ms:0.0} ms"));
            table.AddRow("errors", sample.Errors == 0 ? "0" : F($"[red]{sample.Errors:N0}[/]"));
            table.AddRow("reconnects / duplicates", F($"{sample.Reconnects:N0} / {sample.Duplicates:N0}"));
        }

        var lines = log.Select(l => (IRenderable)new Markup("[grey]" + Markup.Escape(l) + "[/]"));
        return new Rows([table, .. lines]);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
