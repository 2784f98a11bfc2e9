using System.Collections.Concurrent;

namespace OrleansChat.LoadTest.Baseline;

/// <summary>All conversations of one baseline hub, created on first use.</summary>
internal sealed class BaselineChatState(int historyCapacity)
{
    private readonly ConcurrentDictionary<string, BaselineConversation> _conversations = new(StringComparer.Ordinal);

    public BaselineConversation Get(string conversationId) =>
        _conversations.GetOrAdd(conversationId, static (id, capacity) => new BaselineConversation(id, capacity), historyCapacity);
}
