namespace OrleansChat.Gateway.Auth;

/// <summary>Hands newly learned revocations to every <see cref="ISessionRevokedHandler"/>.</summary>
internal sealed partial class SessionRevocationPublisher(IEnumerable<ISessionRevokedHandler> handlers, ILogger<SessionRevocationPublisher> logger)
{
    private readonly ISessionRevokedHandler[] _handlers = handlers.ToArray();

    public async ValueTask PublishAsync(SessionRevoked revoked, CancellationToken cancellationToken)
    {
        LogRevoked(logger, revoked.SessionId);
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.OnSessionRevokedAsync(revoked, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogHandlerFailed(logger, handler.GetType().Name, revoked.SessionId, ex);
            }
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Debug, Message = "Session {SessionId} is revoked")]
    private static partial void LogRevoked(ILogger logger, Guid sessionId);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Error, Message = "{Handler} failed on the revocation of session {SessionId}")]
    private static partial void LogHandlerFailed(ILogger logger, string handler, Guid sessionId, Exception exception);
}
