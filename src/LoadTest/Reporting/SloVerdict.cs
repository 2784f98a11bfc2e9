namespace OrleansChat.LoadTest.Reporting;

/// <summary>Whether a run met its service-level objectives.</summary>
internal sealed record SloVerdict(double? P99LimitMs, double? ErrorRateLimit, double MeasuredP99Ms, double MeasuredErrorRate, bool Violated, IReadOnlyList<string> Reasons);
