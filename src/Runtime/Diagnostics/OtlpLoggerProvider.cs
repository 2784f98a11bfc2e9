using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>Forwards the host's log records to the OTLP exporter of <see cref="OtlpTelemetry"/>.</summary>
[ProviderAlias("OpenTelemetry")]
internal sealed class OtlpLoggerProvider(OtlpTelemetry telemetry) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => telemetry.CreateLogger(categoryName);

    // The telemetry singleton owns the SDK and flushes it when the host stops.
    public void Dispose()
    {
    }
}
