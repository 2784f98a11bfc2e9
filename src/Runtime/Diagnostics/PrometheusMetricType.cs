namespace OrleansChat.Runtime.Diagnostics;

/// <summary>The metric types of the Prometheus text format that instruments map to.</summary>
internal enum PrometheusMetricType
{
    /// <summary>Monotonic sum (Counter, ObservableCounter); the sample name ends in <c>_total</c>.</summary>
    Counter,

    /// <summary>A value that goes up and down (gauges and up-down counters).</summary>
    Gauge,

    /// <summary>Explicit-bucket histogram: <c>_bucket</c>, <c>_sum</c> and <c>_count</c> samples.</summary>
    Histogram,
}
