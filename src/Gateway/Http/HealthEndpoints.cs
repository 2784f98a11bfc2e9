namespace OrleansChat.Gateway.Http;

/// <summary>
/// <c>/healthz</c>: the process is alive (no dependencies checked, so an orchestrator restarts
/// it only when it is truly stuck). <c>/readyz</c>: every <see cref="IReadinessCheck"/> passes,
/// so the replica can take traffic; 503 with the failing checks otherwise.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new HealthResponse("alive", null)))
            .WithTags("Health")
            .WithName("Healthz")
            .WithSummary("Liveness: the process is running.");

        endpoints.MapGet("/readyz", ReadyAsync)
            .WithTags("Health")
            .WithName("Readyz")
            .WithSummary("Readiness: the database is reachable and auth state is loaded.")
            .Produces<HealthResponse>(StatusCodes.Status200OK)
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(checks.Select(check => RunAsync(check, cancellationToken)));
        var ready = results.All(r => r.Result.IsReady);
        var body = new HealthResponse(
            ready ? "ready" : "not_ready",
            results.ToDictionary(r => r.Name, r => r.Result.IsReady ? "ready" : r.Result.Reason ?? "not ready", StringComparer.Ordinal));
        return ready ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(string Name, ReadinessResult Result)> RunAsync(IReadinessCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return (check.Name, await check.CheckAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (check.Name, ReadinessResult.NotReady($"no answer within {CheckTimeout.TotalSeconds:0} s"));
        }
    }
}
