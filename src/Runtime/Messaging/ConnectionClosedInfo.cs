namespace OrleansChat.Runtime.Messaging;

/// <summary>
/// Why a connection closed, and the messages that were queued on it but never written. Unsent
/// messages certainly did not reach the peer, so a caller may resend them on another connection;
/// messages written but unanswered are in doubt and must be handled by their callers' timeouts.
/// </summary>
internal sealed record ConnectionClosedInfo(Exception Reason, IReadOnlyList<Message> Unsent);
