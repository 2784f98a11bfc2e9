using OrleansChat.Grains.Notifications;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Validation;

namespace OrleansChat.Grains.Users;

/// <summary>The notification inbox.</summary>
internal sealed partial class UserGrain
{
    public Task Notify(NotificationDraft draft) => Run(async () =>
    {
        if ((_profile ??= await _users.LoadAsync(_userId)) is null)
        {
            // Nobody to tell (an unregistered id was mentioned or invited).
            return;
        }

        var notification = await _notifications.AddAsync(_userId, draft, Now);
        if (notification is not null)
        {
            _observers.Publish(new NotificationEvent(_userId, notification), static (o, e) => o.OnNotification(e));
        }
    });

    public Task<NotificationPage> GetNotifications(NotificationQuery query) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        query ??= new NotificationQuery();
        InputRules.PageLimit(query.Limit);
        var items = await _notifications.ListAsync(_userId, query);
        var unread = await _notifications.UnreadCountAsync(_userId);
        return new NotificationPage([.. items], unread);
    });

    public Task<int> MarkNotificationsRead(long upToId) => Run(async () =>
    {
        CallerContext.RequireSelf(_userId);
        await _notifications.MarkReadAsync(_userId, upToId, Now);
        return await _notifications.UnreadCountAsync(_userId);
    });
}
