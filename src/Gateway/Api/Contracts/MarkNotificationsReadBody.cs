namespace OrleansChat.Gateway.Api.Contracts;

/// <summary>Body of <c>POST /api/notifications/read</c>.</summary>
/// <param name="UpToId">Every notification with an id up to this one is marked read.</param>
public sealed record MarkNotificationsReadBody(
    long UpToId);
