namespace OrleansChat.Gateway.Http;

/// <summary>
/// Refuses, with 403 <c>request.origin_forbidden</c>, any request whose <c>Origin</c> header
/// names a page the <see cref="OriginPolicy"/> does not accept: CORS preflights, cross-site form
/// posts and, most importantly, WebSocket handshakes, which browsers never subject to CORS
/// (cross-site WebSocket hijacking). Requests without an Origin (scripts, bots, curl) pass.
/// </summary>
internal sealed partial class OriginGuardMiddleware(RequestDelegate next, OriginPolicy policy, ILogger<OriginGuardMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var origins = context.Request.Headers.Origin;
        if (origins.Count == 0)
        {
            return next(context);
        }

        if (origins.Count == 1 && policy.IsAllowed(context.Request, origins[0]!))
        {
            return next(context);
        }

        // Truncated: the header is attacker-controlled and unbounded.
        var shown = origins.ToString();
        LogRefused(logger, shown.Length > 200 ? shown[..200] : shown, context.Request.Method, context.Request.Path);
        return Problems.Of(ErrorCodes.RequestOriginForbidden, "This origin is not allowed to call the gateway.").ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Refused a {Method} request to {Path} from origin {Origin}")]
    private static partial void LogRefused(ILogger logger, string origin, string method, PathString path);
}
