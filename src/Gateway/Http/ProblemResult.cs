using System.Globalization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace OrleansChat.Gateway.Http;

/// <summary>
/// Writes a <see cref="ChatError"/> as RFC 7807 problem details: the status from
/// <see cref="ErrorCatalog"/>, a <c>code</c> extension, field errors under <c>errors</c>, and
/// <c>Retry-After</c> (header and <c>retryAfterSeconds</c>) when the error carries one.
/// </summary>
internal sealed class ProblemResult(ChatError error) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string ContentTypeValue = "application/problem+json";

    private readonly ErrorDescriptor _descriptor = ErrorCatalog.Describe(error.Code);

    public ChatError Error => error;

    public int? StatusCode => _descriptor.Status;

    public string ContentType => ContentTypeValue;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var problem = new ProblemDetails
        {
            Status = _descriptor.Status,
            Title = _descriptor.Title,
            Detail = error.Detail,
            Extensions = { ["code"] = error.Code },
        };
        if (error.Errors is { Count: > 0 } errors)
        {
            problem.Extensions["errors"] = errors;
        }

        httpContext.Response.StatusCode = _descriptor.Status;
        if (error.RetryAfter is { } retryAfter)
        {
            // Whole seconds, rounded up, and at least one: "Retry-After: 0" invites a hot retry loop.
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            problem.Extensions["retryAfterSeconds"] = seconds;
        }

        var writer = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await writer.WriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }
}
