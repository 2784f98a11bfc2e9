using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Announces OTLP export when the host starts and flushes it once every hosted service has
/// stopped (<see cref="StoppedAsync"/>, not <see cref="StopAsync"/>), so the measurements and
/// log lines of the other services' shutdown are sent too.
/// </summary>
internal sealed class OtlpExportService(OtlpTelemetry telemetry, ILogger<OtlpExportService> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        DiagnosticsLog.OtlpExportEnabled(logger, telemetry.Endpoint);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        telemetry.Dispose();
        return Task.CompletedTask;
    }
}
