using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// An OpenTelemetry SDK instance that pushes the OrleansChat meters and the host's logs to an
/// OTLP endpoint. The hosting package that would wire the SDK into the host's container does not
/// restore here, so the SDK runs in its own container, reading the given configuration, and
/// <see cref="OtlpLoggerProvider"/> forwards the host's logs into it. Disposing flushes both.
/// </summary>
internal sealed class OtlpTelemetry : IDisposable
{
    private readonly OpenTelemetrySdk _sdk;
    private readonly ILoggerFactory _loggerFactory;
    private int _disposed;

    public OtlpTelemetry(IConfiguration configuration, Uri endpoint)
    {
        Endpoint = endpoint;
        _sdk = OpenTelemetrySdk.Create(builder =>
        {
            // The exporters read OTEL_* settings from IConfiguration: give them the host's.
            builder.Services.AddSingleton(configuration);
            builder.WithMetrics(metrics => metrics
                .AddMeter(PrometheusCollector.MeterNamePrefix + "*")
                .AddOtlpExporter());
            builder.WithLogging(
                logging => logging.AddOtlpExporter(),
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        });
        _loggerFactory = _sdk.GetLoggerFactory();
    }

    public Uri Endpoint { get; }

    public ILogger CreateLogger(string categoryName) => _loggerFactory.CreateLogger(categoryName);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _sdk.Dispose();
        }
    }
}
