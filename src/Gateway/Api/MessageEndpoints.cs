using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Diagnostics;
using OrleansChat.Gateway.Messages;
using OrleansChat.Grains.Messages;

namespace OrleansChat.Gateway.Api;

/// <summary>
/// Messages of rooms (<c>/api/rooms/{roomId}/messages</c>) and DM threads
/// (<c>/api/dms/{userId}/messages</c>, the thread between the caller and that user): history
/// paging, post with a client id, edit, delete, react, edit history, and the read position.
/// </summary>
internal static class MessageEndpoints
{
    public static void MapMessageEndpoints(this RouteGroupBuilder api)
    {
        Map(api.MapGroup("/rooms/{roomId}").WithTags("Room messages"), "Room",
            (http, grains) => ConversationTarget.Room(grains, (string)http.Request.RouteValues["roomId"]!));
        Map(api.MapGroup("/dms/{userId}").WithTags("Direct messages"), "Direct",
            (http, grains) => ConversationTarget.Direct(grains, ChatIdentity.From(http.User), (string)http.Request.RouteValues["userId"]!));
    }

    private static void Map(RouteGroupBuilder group, string kind, Func<HttpContext, ChatGrains, ConversationTarget> resolve)
    {
        group.MapGet("/messages", (HttpContext http, ChatGrains grains, MessageViewFactory views, long? before, long? after, int? limit, CancellationToken cancellationToken) =>
                HistoryAsync(resolve(http, grains), views, before, after, limit, cancellationToken))
            .WithName($"Get{kind}Messages")
            .WithSummary("A page of history, oldest first: before=N (older than N, scrollback), after=N (newer than N, catch-up), or the newest page. limit 1-100 (default 50).")
            .Produces<MessagePageView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/messages", (HttpContext http, ChatGrains grains, MessageViewFactory views, GatewayMetrics metrics, PostMessageBody body, CancellationToken cancellationToken) =>
                PostAsync(resolve(http, grains), http.Request.Path, views, metrics, body, cancellationToken))
            .WithName($"Post{kind}Message")
            .WithSummary("Post a message. Retrying with the same clientMessageId returns the stored message (200, duplicate: true) and stores nothing new.")
            .Produces<PostMessageResponse>(StatusCodes.Status201Created).Produces<PostMessageResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPatch("/messages/{seq:long}", (HttpContext http, ChatGrains grains, MessageViewFactory views, long seq, EditMessageBody body, CancellationToken cancellationToken) =>
                EditAsync(resolve(http, grains), views, seq, body, cancellationToken))
            .WithName($"Edit{kind}Message")
            .WithSummary("Edit one's own message; the earlier text is kept in its edit history.")
            .Produces<MessageView>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/messages/{seq:long}", (HttpContext http, ChatGrains grains, long seq) => DeleteAsync(resolve(http, grains), seq))
            .WithName($"Delete{kind}Message")
            .WithSummary("Delete a message (a tombstone stays): one's own, or in rooms a lower-ranked member's as an admin.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/messages/{seq:long}/reactions", (HttpContext http, ChatGrains grains, long seq, ReactBody body) => ReactAsync(resolve(http, grains), seq, body))
            .WithName($"React{kind}Message")
            .WithSummary("Toggle the caller's reaction with an emoji.")
            .Produces<ReactionResultView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/messages/{seq:long}/edits", (HttpContext http, ChatGrains grains, long seq) => EditsAsync(resolve(http, grains), seq))
            .WithName($"Get{kind}MessageEdits")
            .WithSummary("Earlier texts of an edited message, oldest first.")
            .Produces<RevisionView[]>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/read", (HttpContext http, ChatGrains grains, ReadBody body) => MarkReadAsync(resolve(http, grains), body))
            .WithName($"Mark{kind}Read")
            .WithSummary("Move the caller's read position forward to seq (never back); unread counts follow.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/reads", (HttpContext http, ChatGrains grains) => ReadsAsync(resolve(http, grains)))
            .WithName($"Get{kind}ReadPositions")
            .WithSummary("How far the other members have read (the 100 most recently moved): the starting point of ReadReceipt events. Members only.")
            .Produces<ReadPositionView[]>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> HistoryAsync(
        ConversationTarget target, MessageViewFactory views, long? before, long? after, int? limit, CancellationToken cancellationToken)
    {
        var page = await target.Grain.GetHistory(new HistoryQuery(before, after, limit ?? 50));
        var messages = await views.CreateManyAsync(target.ConversationId, page.Messages, cancellationToken);
        return TypedResults.Ok(new MessagePageView(messages, page.HasMore, page.LastSeq));
    }

    private static async Task<IResult> PostAsync(
        ConversationTarget target, PathString path, MessageViewFactory views, GatewayMetrics metrics, PostMessageBody body, CancellationToken cancellationToken)
    {
        var result = await metrics.CountPostAsync(viaHub: false, target.Grain.Post(new PostMessageRequest(body.ClientMessageId ?? string.Empty, body.Text ?? string.Empty, body.ReplyToSeq)));
        var response = new PostMessageResponse(await views.CreateAsync(result.Message, cancellationToken), result.Duplicate);
        return result.Duplicate
            ? TypedResults.Ok(response)
            : TypedResults.Created($"{path}?after={result.Message.Seq - 1}&limit=1", response);
    }

    private static async Task<IResult> EditAsync(ConversationTarget target, MessageViewFactory views, long seq, EditMessageBody body, CancellationToken cancellationToken) =>
        TypedResults.Ok(await views.CreateAsync(await target.Grain.Edit(seq, body.Text ?? string.Empty), cancellationToken));

    private static async Task<IResult> DeleteAsync(ConversationTarget target, long seq)
    {
        await target.Grain.DeleteMessage(seq);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ReactAsync(ConversationTarget target, long seq, ReactBody body) =>
        TypedResults.Ok(ApiViews.Reaction(await target.Grain.ToggleReaction(seq, body.Emoji ?? string.Empty)));

    private static async Task<IResult> EditsAsync(ConversationTarget target, long seq) =>
        TypedResults.Ok((await target.Grain.GetEditHistory(seq)).Select(ApiViews.Revision).ToArray());

    private static async Task<IResult> ReadsAsync(ConversationTarget target) =>
        TypedResults.Ok((await target.Grain.GetReadPositions()).Select(ApiViews.ReadPosition).ToArray());

    private static async Task<IResult> MarkReadAsync(ConversationTarget target, ReadBody body)
    {
        await target.Grain.MarkRead(body.Seq);
        return TypedResults.NoContent();
    }}
