using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>Every log line of metrics and telemetry export, with stable event ids (1900-1999).</summary>
internal static partial class DiagnosticsLog
{
    [LoggerMessage(1900, LogLevel.Warning, "Instrument {InstrumentName} of meter {MeterName} is not exported: metric {MetricName} is already exported as a {ExistingType}, not a {Type}")]
    public static partial void MetricTypeConflict(ILogger logger, string instrumentName, string meterName, string metricName, PrometheusMetricType existingType, PrometheusMetricType type);

    [LoggerMessage(1901, LogLevel.Warning, "Instrument {InstrumentName} of meter {MeterName} has {Limit} label sets; further label sets are counted in one series labelled otel_metric_overflow=\"true\"")]
    public static partial void SeriesLimitReached(ILogger logger, string instrumentName, string meterName, int limit);

    [LoggerMessage(1902, LogLevel.Warning, "An observable instrument's callback failed during a metrics scrape; its values are missing from this scrape")]
    public static partial void ObservableCallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(1903, LogLevel.Debug, "Instrument {InstrumentName} of meter {MeterName} has a kind ({InstrumentType}) the Prometheus exposition does not know; it is not exported")]
    public static partial void UnknownInstrumentKind(ILogger logger, string instrumentName, string meterName, string instrumentType);

    [LoggerMessage(1910, LogLevel.Information, "OTLP export of metrics and logs to {Endpoint} is on")]
    public static partial void OtlpExportEnabled(ILogger logger, Uri endpoint);
}
