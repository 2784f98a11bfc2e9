using OrleansChat.Grains.Messages;

namespace OrleansChat.Grains.DirectMessages;

/// <summary>
/// A one-to-one thread, keyed by <see cref="DirectThreadKey"/>. Only its two participants may use
/// it (<c>dm.not_participant</c>); posting, reacting and typing are refused while either blocks the
/// other (<c>dm.blocked</c>), reading history is not. Guests may use DMs (they may chat and DM, but not create rooms or send friend requests).
/// </summary>
public interface IDirectMessageGrain : IConversationGrain
{
    /// <summary>Starts (or returns) the thread. Errors: <c>user.not_found</c>, <c>dm.blocked</c>.</summary>
    Task<DirectThreadInfo> Open();
}
