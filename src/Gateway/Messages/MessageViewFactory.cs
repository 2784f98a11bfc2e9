using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Messages;

/// <summary>
/// Turns stored messages into <see cref="MessageView"/>s: adds the sender's display name and the
/// reactors. Text is passed through untouched: it is data, rendered as text by clients (the
/// gateway never produces HTML from it).
/// </summary>
internal sealed class MessageViewFactory(UserNameCache names, ReactionReader reactions)
{
    public async Task<MessageView> CreateAsync(ChatMessage message, CancellationToken cancellationToken = default) =>
        (await CreateManyAsync(message.ConversationId, [message], cancellationToken))[0];

    /// <summary>Views of messages of one conversation, in the given order.</summary>
    public async Task<IReadOnlyList<MessageView>> CreateManyAsync(
        string conversationId, IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0)
        {
            return [];
        }

        var namesTask = names.GetManyAsync(messages.Select(m => m.SenderId));
        var reactionsTask = reactions.ReadAsync(conversationId, messages, cancellationToken);
        var senderNames = await namesTask;
        var reactors = await reactionsTask;
        var views = new MessageView[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            views[i] = new MessageView(
                m.ConversationId,
                m.Seq,
                ApiText.MessageId(m.ConversationId, m.Seq),
                m.SenderId,
                senderNames.GetValueOrDefault(m.SenderId, m.SenderId),
                m.Text,
                m.CreatedAt,
                m.EditedAt,
                m.IsDeleted,
                m.ReplyToSeq,
                m.Mentions.IsDefault ? [] : m.Mentions,
                reactors.GetValueOrDefault(m.Seq, []));
        }

        return views;
    }

    /// <summary>
    /// The current reactions of one message, for a <c>ReactionsChanged</c> event; when the
    /// database cannot answer, only the changed emoji with its count (and no names).
    /// </summary>
    public async Task<IReadOnlyList<ReactionView>> ReactionsAsync(string conversationId, long seq, ReactionView fallback, CancellationToken cancellationToken = default)
    {
        var read = await reactions.TryReadAsync(conversationId, [seq], cancellationToken);
        return read is null ? [fallback] : read.GetValueOrDefault(seq, []);
    }
}
