using System.Security.Claims;
using OrleansChat.Gateway.Api.Contracts;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Grains.Notifications;

namespace OrleansChat.Gateway.Api;

/// <summary><c>/api/notifications</c>: the in-app inbox (DMs, mentions, friend requests, invites, moderation).</summary>
internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListAsync).WithName("ListNotifications")
            .WithSummary("The inbox, newest first, with the unread total. Paging: before=<id>; limit 1-100 (default 50); unreadOnly=true.")
            .Produces<NotificationPageView>().ProducesProblem(StatusCodes.Status400BadRequest);
        notifications.MapPost("/read", MarkReadAsync).WithName("MarkNotificationsRead")
            .WithSummary("Mark every notification up to upToId read; returns the unread count left.")
            .Produces<UnreadCountView>();
    }

    private static async Task<IResult> ListAsync(ChatGrains grains, ClaimsPrincipal user, long? before, int? limit, bool? unreadOnly)
    {
        var page = await grains.User(ChatIdentity.From(user).UserId).GetNotifications(new NotificationQuery(before, limit ?? 50, unreadOnly ?? false));
        return TypedResults.Ok(new NotificationPageView(page.Items.Select(ApiViews.Notification).ToArray(), page.UnreadCount));
    }

    private static async Task<IResult> MarkReadAsync(ChatGrains grains, ClaimsPrincipal user, MarkNotificationsReadBody body) =>
        TypedResults.Ok(new UnreadCountView(await grains.User(ChatIdentity.From(user).UserId).MarkNotificationsRead(body.UpToId)));
}
