using System.Collections.Immutable;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Users;
using OrleansChat.Runtime;

namespace OrleansChat.Grains.Tests.Infrastructure;

/// <summary>
/// Stands in for a gateway node's observer: a grain reference is an observer reference, so a grain
/// implementing the observer interfaces can be subscribed on a single silo today.
/// </summary>
public interface IRecordingObserver : IConversationObserver, IUserObserver, IGrainWithStringKey
{
    /// <summary>Every event received, in order, as short text such as "posted:room:x:3".</summary>
    Task<ImmutableArray<string>> Events();

    /// <summary>The messages received through OnMessagePosted, in order.</summary>
    Task<ImmutableArray<ChatMessage>> Posted();

    /// <summary>Makes every following call fail (a dead gateway node).</summary>
    Task FailFromNowOn();
}
