using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Hubs.Contracts;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// A .NET SignalR client of the chat hub (SignalR.Client.Core over <see cref="WebSocketConnectionFactory"/>)
/// that records every event it receives, in arrival order.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Name, object Payload)> _events = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        Record<MessageView>("MessagePosted");
        Record<MessageView>("MessageEdited");
        Record<MessageDeletedPayload>("MessageDeleted");
        Record<ReactionsChangedPayload>("ReactionsChanged");
        Record<TypingPayload>("Typing");
        Record<PresenceChangedPayload>("PresenceChanged");
        Record<MembershipChangedPayload>("MembershipChanged");
        Record<NotificationPayload>("Notification");
        Record<ReadReceiptPayload>("ReadReceipt");
    }

    public HubConnection Connection { get; }

    /// <summary>Completes when the server closes the connection (with the close error, if any).</summary>
    public Task<Exception?> Closed => _closed.Task;

    public IReadOnlyList<(string Name, object Payload)> Events => [.. _events];

    /// <summary>Connects to <paramref name="gateway"/>'s hub with <paramref name="accessToken"/> (an access token or a hub token) in the URL, sending <paramref name="origin"/> if given.</summary>
    public static async Task<HubClient> ConnectAsync(GatewayHost gateway, string accessToken, string? origin = null)
    {
        var uri = HubUri(gateway, accessToken);
        var builder = new HubConnectionBuilder();
        builder.Services.AddSingleton<IConnectionFactory>(new WebSocketConnectionFactory(uri, origin));
        builder.Services.AddSingleton<EndPoint>(new UriEndPoint(uri));
        var connection = builder.Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        var client = new HubClient(connection);
        await Wait.For(connection.StartAsync(), "the hub connection to start");
        return client;
    }

    public static Uri HubUri(GatewayHost gateway, string? accessToken)
    {
        var builder = new UriBuilder(gateway.BaseAddress) { Scheme = "ws", Path = "/hubs/chat" };
        if (accessToken is not null)
        {
            builder.Query = "access_token=" + Uri.EscapeDataString(accessToken);
        }

        return builder.Uri;
    }

    public Task<SubscribeResult> SubscribeAsync(string conversationId, long? lastSeenSeq) =>
        Wait.For(Connection.InvokeAsync<SubscribeResult>("Subscribe", conversationId, lastSeenSeq), $"Subscribe({conversationId})");

    public Task<SendResult> SendAsync(string conversationId, string clientMessageId, string text, long? replyToSeq = null) =>
        Wait.For(Connection.InvokeAsync<SendResult>("Send", conversationId, clientMessageId, text, replyToSeq), $"Send({conversationId})");

    public IReadOnlyList<MessageView> Posted(string conversationId) =>
        [.. _events.Where(e => e.Name == "MessagePosted").Select(e => (MessageView)e.Payload).Where(m => m.ConversationId == conversationId)];

    public IReadOnlyList<T> Received<T>(string name) => [.. _events.Where(e => e.Name == name).Select(e => (T)e.Payload)];

    /// <summary>Waits until the client has received a <c>MessagePosted</c> for <paramref name="conversationId"/> matching <paramref name="match"/>.</summary>
    public async Task<MessageView> WaitForPostedAsync(string conversationId, Func<MessageView, bool> match, string what)
    {
        MessageView? found = null;
        await Wait.Until(() => (found = Posted(conversationId).FirstOrDefault(match)) is not null, what);
        return found!;
    }

    /// <summary>Waits for the hub error of an invocation; returns its message, which must be <c>[code] text</c>.</summary>
    public static async Task<string> HubErrorAsync(Task invocation)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => Wait.For(invocation, "a refused invocation"));
        Assert.Matches(@"^\[[a-z_]+(\.[a-z_]+)?\] ", error.Message);
        return error.Message;
    }

    /// <summary>The stable code of a refused invocation, e.g. <c>room.not_member</c>.</summary>
    public static async Task<string> HubErrorCodeAsync(Task invocation)
    {
        var message = await HubErrorAsync(invocation);
        Assert.StartsWith("[", message);
        return message[1..message.IndexOf(']', StringComparison.Ordinal)];
    }

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private void Record<T>(string name) => Connection.On<T>(name, payload => _events.Enqueue((name, payload!)));
}
