using System.Diagnostics;

namespace OrleansChat.Gateway.Http;

/// <summary>
/// One log line per request with method, path (never the query string, which can carry an
/// <c>access_token</c>), status and duration. Replaces ASP.NET Core's hosting request logs,
/// which include the query string and are therefore turned down to warnings (see <see cref="GatewayApp"/>).
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    /// <remarks>
    /// Not async when the log is off: an async method keeps its frame for as long as the rest of
    /// the pipeline runs, and a hub request runs for its WebSocket's whole life (issue 8's memory
    /// per idle connection).
    /// </remarks>
    public Task InvokeAsync(HttpContext context) => logger.IsEnabled(LogLevel.Debug) ? InvokeLoggedAsync(context) : next(context);

    private async Task InvokeLoggedAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            LogRequest(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms")]
    private static partial void LogRequest(ILogger logger, string method, PathString path, int statusCode, double elapsedMilliseconds);
}
