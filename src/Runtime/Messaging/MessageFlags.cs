namespace OrleansChat.Runtime.Messaging;

/// <summary>Scheduling hints a request carries to the callee. Unknown bits from newer peers are kept as they are.</summary>
[Flags]
internal enum MessageFlags : uint
{
    None = 0,

    /// <summary>The method is read-only and may interleave with other read-only requests.</summary>
    IsReadOnly = 1 << 0,

    /// <summary>The method may interleave with any request.</summary>
    IsAlwaysInterleave = 1 << 1,
}
