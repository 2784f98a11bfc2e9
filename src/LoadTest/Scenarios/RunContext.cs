using OrleansChat.LoadTest.Reporting;
using OrleansChat.LoadTest.Targets;

namespace OrleansChat.LoadTest.Scenarios;

/// <summary>What every scenario run gets: the target, workload settings, where progress goes, the objectives and the parameters to record.</summary>
internal sealed record RunContext(
    string Scenario,
    IChatTarget Target,
    WorkloadOptions Workload,
    IRunReporter Reporter,
    SloPolicy Slo,
    IReadOnlyDictionary<string, string> Parameters);
