using OrleansChat.Grains.DirectMessages;
using OrleansChat.Grains.Messages;
using OrleansChat.Runtime.Invocation;

namespace OrleansChat.Grains.Tests.Infrastructure;

internal static class DirectGrainExtensions
{
    /// <summary>The conversation id of the thread a reference points at.</summary>
    public static string GetConversationId(this IDirectMessageGrain grain) => ConversationIds.ForDirect(((GrainReference)grain).GrainId.Key);
}
