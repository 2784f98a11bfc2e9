namespace OrleansChat.Runtime.Messaging;

/// <summary>Whether a message asks for an answer, is one, or expects none.</summary>
internal enum MessageDirection : byte
{
    /// <summary>A call that expects a <see cref="Response"/> with the same correlation id.</summary>
    Request = 1,

    /// <summary>The answer to a <see cref="Request"/>.</summary>
    Response = 2,

    /// <summary>A call that expects no answer (observer notifications, fire-and-forget).</summary>
    OneWay = 3,
}
