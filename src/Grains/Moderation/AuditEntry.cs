using OrleansChat.Runtime;

namespace OrleansChat.Grains.Moderation;

/// <summary>One row of the audit log: who did what to whom, where, when and why.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditEntry(
    [property: Id(0)] long Id,
    [property: Id(1)] DateTimeOffset OccurredAt,
    [property: Id(2)] string ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] string TargetKind,
    [property: Id(5)] string TargetId,
    [property: Id(6)] string? ConversationId,
    [property: Id(7)] string? Reason,
    [property: Id(8)] string? Details);
