namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>A row of a room's audit log.</summary>
/// <param name="Id">Id (pass as <c>before</c> for older rows).</param>
/// <param name="OccurredAt">When.</param>
/// <param name="ActorId">Who.</param>
/// <param name="Action">What, e.g. <c>member.banned</c>.</param>
/// <param name="TargetKind">Kind of target.</param>
/// <param name="TargetId">Target.</param>
/// <param name="Reason">Why.</param>
/// <param name="Details">More.</param>
public sealed record AuditEntryView(
    long Id,
    DateTimeOffset OccurredAt,
    string ActorId,
    string Action,
    string TargetKind,
    string TargetId,
    string? Reason,
    string? Details);
