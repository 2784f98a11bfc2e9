using System.Text;

namespace OrleansChat.LoadTest.Client;

/// <summary>One client's subscription to one conversation, with the tracker that checks its deliveries.</summary>
internal sealed class Subscription(string conversationId, int slot)
{
    public string ConversationId { get; } = conversationId;

    /// <summary>The conversation's UTF-8 bytes, compared against each received message without decoding it.</summary>
    public byte[] ConversationIdUtf8 { get; } = Encoding.UTF8.GetBytes(conversationId);

    /// <summary>Index of the conversation in the scenario's table.</summary>
    public int Slot { get; } = slot;

    public SequenceTracker Tracker { get; } = new();

    /// <summary>A Subscribe is in flight: live events may overtake its catch-up list.</summary>
    public volatile bool Subscribing;

    /// <summary>Set when the member leaves; messages that still arrive are ignored.</summary>
    public volatile bool Left;

    /// <summary>Subscribe calls that had to ask again because the catch-up list was capped (hasMore).</summary>
    public int CatchUpPages;
}
