using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Diagnostics;
using OrleansChat.Gateway.Http;
using OrleansChat.Gateway.Hubs.Contracts;
using OrleansChat.Gateway.Hubs.Fanout;
using OrleansChat.Gateway.Hubs.Presence;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// The chat hub at <c>/hubs/chat</c>, exactly as docs/hub-protocol.md fixes it. Every method runs
/// through <see cref="ChatHubFilter"/> (session and rate checks, the caller's identity for the
/// grains, <c>[code] text</c> errors); the grains authorize each call.
/// </summary>
/// <remarks>
/// Plain <c>[Authorize]</c>: the bearer scheme is the default scheme, whose result the
/// authentication middleware already put on the request. Naming the scheme here made the
/// authorization middleware authenticate again and merge a second principal and ticket, which a
/// WebSocket request keeps for the connection's whole life (issue 8's memory per idle connection).
/// </remarks>
[Authorize]
internal sealed partial class ChatHub(
    ChatGrains grains,
    HubConnections connections,
    ChatHubLifetimeManager lifetime,
    ConversationFeeds feeds,
    UserFeeds userFeeds,
    PresenceReporter presence,
    ChatUserRegistry users,
    SessionRevocationCache revocations,
    GatewayMetrics metrics,
    ILogger<ChatHub> logger) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    public override async Task OnConnectedAsync()
    {
        var who = ChatIdentity.From(Context.User!);
        await users.EnsureAsync(who);
        var context = lifetime.TakeOpening(Context.ConnectionId)
            ?? throw new InvalidOperationException("SignalR did not open the connection through ChatHubLifetimeManager.");
        var connection = connections.Add(context, who);

        // A revocation announced between token validation and registration above would have
        // found no connection to close.
        if (revocations.IsRevoked(who.SessionId))
        {
            connection.Abort();
            return;
        }

        userFeeds.Acquire(who);
        presence.Opened(who);
        connection.Admitted = true;
        LogConnected(logger, Context.ConnectionId, who.UserId);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var connection = connections.Remove(Context.ConnectionId);
        if (connection is null)
        {
            return;
        }

        // Presence first: leaving the conversation feeds makes grain calls that may be slow, and a
        // closed tab must show its user offline without waiting for them.
        if (connection.Admitted)
        {
            userFeeds.Release(connection.Identity);
            presence.Closed(connection.Identity);
        }

        await feeds.DisconnectAsync(connection);
        LogDisconnected(logger, Context.ConnectionId, connection.Identity.UserId);
    }

    /// <summary>Subscribes to a conversation: the messages missed after <paramref name="lastSeenSeq"/>, then live events.</summary>
    public Task<SubscribeResult> Subscribe(string conversationId, long? lastSeenSeq) =>
        feeds.SubscribeAsync(Connection(), conversationId, Grain(conversationId), lastSeenSeq, Context.ConnectionAborted);

    public Task Unsubscribe(string conversationId)
    {
        Grain(conversationId);
        return feeds.UnsubscribeAsync(Connection(), conversationId);
    }

    /// <summary>Posts a message; a retry with the same <paramref name="clientMessageId"/> returns the stored one.</summary>
    public async Task<SendResult> Send(string conversationId, string clientMessageId, string text, long? replyToSeq)
    {
        var result = await metrics.CountPostAsync(viaHub: true, Grain(conversationId).Post(new PostMessageRequest(clientMessageId ?? string.Empty, text ?? string.Empty, replyToSeq)));
        var message = result.Message;
        return new SendResult(message.Seq, ApiText.MessageId(message.ConversationId, message.Seq), message.CreatedAt);
    }

    public Task Edit(string conversationId, long seq, string text) => Grain(conversationId).Edit(seq, text ?? string.Empty);

    public Task Delete(string conversationId, long seq) => Grain(conversationId).DeleteMessage(seq);

    /// <summary>Toggles the caller's reaction.</summary>
    public Task React(string conversationId, long seq, string emoji) => Grain(conversationId).ToggleReaction(seq, emoji ?? string.Empty);

    public Task Typing(string conversationId) => Grain(conversationId).SendTyping();

    public Task MarkRead(string conversationId, long seq) => Grain(conversationId).MarkRead(seq);

    private HubConnection Connection() =>
        connections.Find(Context.ConnectionId) ?? throw HubErrors.Of(ErrorCodes.AuthUnauthenticated, "The connection is not registered; reconnect.");

    /// <summary>The conversation's grain; a malformed id is refused with <c>[validation.id]</c>.</summary>
    private IConversationGrain Grain(string conversationId) => grains.Conversation(conversationId);

    [LoggerMessage(EventId = 5660, Level = LogLevel.Debug, Message = "Hub connection {ConnectionId} of user {UserId} opened")]
    private static partial void LogConnected(ILogger logger, string connectionId, string userId);

    [LoggerMessage(EventId = 5661, Level = LogLevel.Debug, Message = "Hub connection {ConnectionId} of user {UserId} closed")]
    private static partial void LogDisconnected(ILogger logger, string connectionId, string userId);
}
