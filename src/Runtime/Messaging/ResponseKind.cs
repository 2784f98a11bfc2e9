namespace OrleansChat.Runtime.Messaging;

/// <summary>What the body of a response holds.</summary>
internal enum ResponseKind : byte
{
    /// <summary>The body is the serialized result.</summary>
    Success = 0,

    /// <summary>The body is the serialized exception the method threw.</summary>
    Exception = 1,

    /// <summary>The callee did not run the method; see <see cref="Message.RejectionReason"/>.</summary>
    Rejection = 2,
}
