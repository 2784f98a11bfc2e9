using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs.Contracts;

namespace OrleansChat.Gateway.Hubs;

/// <summary>The server-to-client events of the chat hub (docs/hub-protocol.md); method names are the event names.</summary>
public interface IChatClient
{
    Task MessagePosted(MessageView message);

    Task MessageEdited(MessageView message);

    Task MessageDeleted(MessageDeletedPayload payload);

    Task ReactionsChanged(ReactionsChangedPayload payload);

    Task Typing(TypingPayload payload);

    Task PresenceChanged(PresenceChangedPayload payload);

    Task MembershipChanged(MembershipChangedPayload payload);

    Task Notification(NotificationPayload payload);

    Task ReadReceipt(ReadReceiptPayload payload);
}
