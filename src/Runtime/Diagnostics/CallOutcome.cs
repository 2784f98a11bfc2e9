namespace OrleansChat.Runtime.Diagnostics;

/// <summary>How a grain call or database command ended, as the <c>outcome</c> tag records it.</summary>
internal enum CallOutcome
{
    /// <summary>Completed normally.</summary>
    Success,

    /// <summary>Threw an exception (application or runtime).</summary>
    Failure,

    /// <summary>Had no response within its time limit.</summary>
    Timeout,

    /// <summary>Was canceled by the caller.</summary>
    Canceled,
}
