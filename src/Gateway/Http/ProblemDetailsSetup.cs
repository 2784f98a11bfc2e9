namespace OrleansChat.Gateway.Http;

/// <summary>
/// Makes every error response, including those the framework produces itself (unmatched
/// routes, unreadable JSON bodies, oversized bodies, unhandled exceptions), RFC 7807 problem
/// details with a <c>code</c> extension.
/// </summary>
internal static class ProblemDetailsSetup
{
    private const string UnreadableRequestDetail =
        "The request could not be read: check that the body is JSON with the documented fields and types.";

    public static IServiceCollection AddChatProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (problem.Extensions.ContainsKey("code"))
            {
                return;
            }

            // Framework-generated: a bare status. Give it the catalogue's code and title, and
            // never the exception text (it can carry SQL, paths or user input).
            var descriptor = ErrorCatalog.Describe(ErrorCatalog.DefaultCodeFor(status));
            problem.Extensions["code"] = descriptor.Code;
            problem.Title = descriptor.Title;
            problem.Detail = status == StatusCodes.Status400BadRequest ? UnreadableRequestDetail : null;
            problem.Extensions.Remove("exception");
        });
        return services;
    }
}
