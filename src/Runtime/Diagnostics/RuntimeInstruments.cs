using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>
/// The instruments of the grain runtime, on one meter <see cref="MeterName"/> created through
/// <see cref="IMeterFactory"/>. Names follow OpenTelemetry conventions; the Prometheus
/// exposition turns them into <c>orleanschat_grain_calls_total</c> and so on.
/// </summary>
internal sealed class RuntimeInstruments
{
    /// <summary>The meter every runtime instrument belongs to.</summary>
    public const string MeterName = "OrleansChat.Runtime";

    public const string ActivationsName = "orleanschat.grain.activations";
    public const string GrainCallsName = "orleanschat.grain.calls";
    public const string GrainCallDurationName = "orleanschat.grain.call.duration";
    public const string MembershipChangesName = "orleanschat.membership.changes";
    public const string DatabaseCommandDurationName = "orleanschat.db.command.duration";

    public const string GrainTypeTag = "grain.type";
    public const string GrainMethodTag = "grain.method";
    public const string OutcomeTag = "outcome";
    public const string SiloStatusTag = "silo.status";
    public const string DatabaseOperationTag = "db.operation.name";

    public RuntimeInstruments(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        var latencyAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = HistogramBuckets.Seconds };
        Activations = meter.CreateUpDownCounter<long>(ActivationsName, "{activation}", "Grain activations in this silo, by grain type.");
        GrainCalls = meter.CreateCounter<long>(GrainCallsName, "{call}", "Grain calls completed, by grain type, method and outcome.");
        GrainCallDuration = meter.CreateHistogram(GrainCallDurationName, "s", "Time from sending a grain call to its response, by grain type, method and outcome.", tags: null, advice: latencyAdvice);
        MembershipChanges = meter.CreateCounter<long>(MembershipChangesName, "{change}", "Silo status changes this silo has seen in the membership table, by new status.");
        DatabaseCommandDuration = meter.CreateHistogram(DatabaseCommandDurationName, "s", "Time of database commands, by operation and outcome.", tags: null, advice: latencyAdvice);
    }

    /// <summary>Activations per grain type (tag <c>grain.type</c>).</summary>
    public UpDownCounter<long> Activations { get; }

    /// <summary>Completed grain calls (tags <c>grain.type</c>, <c>grain.method</c>, <c>outcome</c>).</summary>
    public Counter<long> GrainCalls { get; }

    /// <summary>Grain call latency in seconds (same tags as <see cref="GrainCalls"/>).</summary>
    public Histogram<double> GrainCallDuration { get; }

    /// <summary>Membership status changes observed (tag <c>silo.status</c>).</summary>
    public Counter<long> MembershipChanges { get; }

    /// <summary>Database command latency in seconds (tags <c>db.operation.name</c>, <c>outcome</c>).</summary>
    public Histogram<double> DatabaseCommandDuration { get; }

    public void ActivationCreated(string grainType) =>
        Activations.Add(1, new KeyValuePair<string, object?>(GrainTypeTag, grainType));

    public void ActivationRemoved(string grainType) =>
        Activations.Add(-1, new KeyValuePair<string, object?>(GrainTypeTag, grainType));

    /// <summary>Counts a finished grain call and records its latency.</summary>
    public void GrainCallCompleted(string grainType, string method, CallOutcome outcome, TimeSpan duration)
    {
        var tags = new TagList
        {
            { GrainTypeTag, grainType },
            { GrainMethodTag, method },
            { OutcomeTag, OutcomeText(outcome) },
        };
        GrainCalls.Add(1, tags);
        GrainCallDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Counts a silo status change (e.g. <c>active</c>, <c>dead</c>).</summary>
    public void MembershipChanged(string status) =>
        MembershipChanges.Add(1, new KeyValuePair<string, object?>(SiloStatusTag, status));

    /// <summary>Records a database command's latency.</summary>
    public void DatabaseCommandCompleted(string operation, CallOutcome outcome, TimeSpan duration) =>
        DatabaseCommandDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>(DatabaseOperationTag, operation),
            new KeyValuePair<string, object?>(OutcomeTag, OutcomeText(outcome)));

    // Interned strings, so recording allocates nothing for the tag value.
    private static string OutcomeText(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Success => "success",
        CallOutcome.Failure => "failure",
        CallOutcome.Timeout => "timeout",
        CallOutcome.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown call outcome."),
    };
}
