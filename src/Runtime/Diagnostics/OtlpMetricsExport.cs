using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// Runs an OpenTelemetry meter provider that pushes the OrleansChat meters to an OTLP endpoint
/// while the host runs. The hosting package that would wire this into DI does not restore here,
/// so the provider is built and disposed by hand; disposing flushes the last interval.
/// </summary>
internal sealed class OtlpMetricsExport(IConfiguration configuration, Uri endpoint, ILogger<OtlpMetricsExport> logger) : IHostedService, IDisposable
{
    private OpenTelemetrySdk? _sdk;

    public bool IsRunning => _sdk is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sdk ??= OpenTelemetrySdk.Create(builder =>
        {
            // The exporter reads OTEL_* settings from IConfiguration: give it the host's.
            builder.Services.AddSingleton(configuration);
            builder.WithMetrics(metrics => metrics
                .AddMeter(PrometheusCollector.MeterNamePrefix + "*")
                .AddOtlpExporter());
        });
        DiagnosticsLog.OtlpExportEnabled(logger, endpoint);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _sdk?.Dispose();
        _sdk = null;
    }
}
