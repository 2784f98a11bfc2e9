namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Why a silo refused to run a request. The caller decides from this whether a retry elsewhere is
/// safe: a rejected request was never started. Values a newer peer sends that this version does not
/// know are read as <see cref="Unspecified"/>.
/// </summary>
internal enum RejectionReason : byte
{
    Unspecified = 0,

    /// <summary>This silo does not own the target activation (directory moved it); re-resolve and resend.</summary>
    NotOwner = 1,

    /// <summary>No grain class is registered for the target's grain type on this silo.</summary>
    UnknownGrainType = 2,

    /// <summary>The silo sheds load; retry later or elsewhere.</summary>
    Overloaded = 3,

    /// <summary>The silo is shutting down and accepts no new work.</summary>
    ShuttingDown = 4,
}
