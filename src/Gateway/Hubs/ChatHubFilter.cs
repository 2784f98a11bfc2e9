using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Grains.Security;

namespace OrleansChat.Gateway.Hubs;

/// <summary>
/// Wraps every hub invocation: refuses (and closes) a connection whose session was revoked or
/// whose token expired; applies the per-connection and per-user rate limits (<c>[rate_limited]</c>,
/// closing the connection on sustained abuse); runs the method as the connection's user (the
/// grains authorize every call against that identity); and turns failures into
/// <c>[code] text</c> hub errors without leaking internals.
/// </summary>
/// <remarks>
/// HTTP middleware sees only the WebSocket handshake, never the frames, so invocation limits
/// live here.
/// </remarks>
internal sealed partial class ChatHubFilter(
    HubConnections connections,
    SessionRevocationCache revocations,
    IOptions<ChatHubOptions> options,
    TimeProvider timeProvider,
    ILogger<ChatHubFilter> logger) : IHubFilter
{
    private readonly ChatHubOptions _options = options.Value;

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = connections.Find(invocationContext.Context.ConnectionId)
            ?? throw HubErrors.Of(ErrorCodes.AuthUnauthenticated, "The connection is not registered; reconnect.");
        RefuseEndedSession(connection);
        RefuseFlood(connection, invocationContext.HubMethodName);

        ChatCaller.Set(connection.Identity.UserId, connection.Identity.IsGuest);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            throw;
        }
        catch (Exception ex) when (GrainErrors.TryTranslate(ex, out var error))
        {
            throw HubErrors.From(error);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogInvocationFailed(logger, invocationContext.HubMethodName, connection.Identity.UserId, ex);
            throw HubErrors.Of(ErrorCodes.ServerError, "An unexpected error occurred.");
        }
    }

    private void RefuseEndedSession(HubConnection connection)
    {
        if (revocations.IsRevoked(connection.Identity.SessionId))
        {
            connection.Abort();
            throw HubErrors.Of(ErrorCodes.AuthSessionRevoked, "The session has ended; log in again.");
        }

        if (_options.CloseOnTokenExpiry && connection.TokenExpiresAt is { } expires && timeProvider.GetUtcNow() >= expires)
        {
            connection.Abort();
            throw HubErrors.Of(ErrorCodes.AuthTokenExpired, "The access token has expired; reconnect with a fresh one.");
        }
    }

    private void RefuseFlood(HubConnection connection, string method)
    {
        var now = timeProvider.GetTimestamp();
        // The connection's bucket is charged first: a call the user's bucket refuses still costs its
        // connection a permit, which only speeds up closing a connection that keeps flooding.
        if (connection.Bucket.TryTake(now, timeProvider) && (connections.UserBucket(connection.Identity.UserId)?.TryTake(now, timeProvider) ?? true))
        {
            return;
        }

        if (connection.CountRefusal(now, timeProvider, _options.AbuseWindow, _options.AbuseRefusals))
        {
            LogAbusiveConnection(logger, connection.Identity.UserId, connection.ConnectionId);
            connection.Abort();
        }

        LogRateLimited(logger, method, connection.Identity.UserId);
        throw HubErrors.Of(HubErrors.RateLimited, "Too many requests; slow down.");
    }

    [LoggerMessage(EventId = 5600, Level = LogLevel.Error, Message = "Hub method {Method} failed for user {UserId}")]
    private static partial void LogInvocationFailed(ILogger logger, string method, string userId, Exception exception);

    [LoggerMessage(EventId = 5601, Level = LogLevel.Debug, Message = "Rate-limited {Method} of user {UserId}")]
    private static partial void LogRateLimited(ILogger logger, string method, string userId);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Warning, Message = "Closing connection {ConnectionId} of user {UserId}: sustained flood of invocations")]
    private static partial void LogAbusiveConnection(ILogger logger, string userId, string connectionId);
}
