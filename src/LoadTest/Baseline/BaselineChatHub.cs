using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.LoadTest.Baseline;

/// <summary>
/// The bare baseline: a single-process SignalR hub with the chat hub's contract (Subscribe, Send,
/// MessagePosted) and nothing behind it — no cluster, no database, no authorization. The access
/// token is taken as the user id. Whatever the real system costs beyond this is what the
/// benchmarks' ratios show.
/// </summary>
internal sealed class BaselineChatHub(BaselineChatState state, TimeProvider time) : Hub
{
    private const string UserKey = "user";
    private const int MaxTextLength = 4_000;
    private const int MaxIdLength = 128;

    public override Task OnConnectedAsync()
    {
        var token = Context.GetHttpContext()?.Request.Query["access_token"].ToString();
        Context.Items[UserKey] = string.IsNullOrEmpty(token) ? Context.ConnectionId : token;
        return Task.CompletedTask;
    }

    public async Task<BaselineSubscribeResult> Subscribe(string conversationId, long? lastSeenSeq)
    {
        ValidateId(conversationId, "conversationId");
        var conversation = state.Get(conversationId);
        Task joined;
        BaselineMessageView[] missed;
        long latest;
        bool hasMore;
        lock (conversation.Gate)
        {
            // Joining and reading the position under the broadcast lock is what makes the seam exact:
            // every message up to `latest` was broadcast before this connection was in the group.
            joined = Groups.AddToGroupAsync(Context.ConnectionId, conversationId);
            latest = conversation.LatestSeq;
            missed = conversation.After(lastSeenSeq, out hasMore);
        }

        await joined;
        return new BaselineSubscribeResult(conversationId, missed, latest, hasMore);
    }

    public Task Unsubscribe(string conversationId)
    {
        ValidateId(conversationId, "conversationId");
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, conversationId);
    }

    public async Task<BaselineSendResult> Send(string conversationId, string clientMessageId, string text, long? replyToSeq)
    {
        ValidateId(conversationId, "conversationId");
        ValidateId(clientMessageId, "clientMessageId");
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxTextLength)
        {
            throw new HubException($"[message.invalid] Text must be 1 to {MaxTextLength} characters.");
        }

        var conversation = state.Get(conversationId);
        var sender = (string)Context.Items[UserKey]!;
        BaselineMessageView view;
        Task broadcast;
        lock (conversation.Gate)
        {
            view = conversation.Append(sender, text, replyToSeq, time.GetUtcNow());
            // Started under the lock so members receive messages in sequence order; SignalR
            // serializes the message once and writes the same bytes to every connection.
            broadcast = Clients.Group(conversationId).SendAsync("MessagePosted", view);
        }

        await broadcast;
        return new BaselineSendResult(view.Seq, view.MessageId, view.SentAt);
    }

    private static void ValidateId(string? value, string name)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength)
        {
            throw new HubException($"[request.invalid] {name} must be 1 to {MaxIdLength} characters.");
        }
    }
}
