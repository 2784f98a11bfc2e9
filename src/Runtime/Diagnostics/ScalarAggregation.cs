namespace OrleansChat.Runtime.Diagnostics;

/// <summary>How a <see cref="ScalarStream"/> folds measurements into its value.</summary>
internal enum ScalarAggregation
{
    /// <summary>Adds non-negative increments (Counter).</summary>
    MonotonicSum,

    /// <summary>Adds increments of either sign (UpDownCounter).</summary>
    Sum,

    /// <summary>Keeps the last value (Gauge, and every observable instrument).</summary>
    LastValue,
}
