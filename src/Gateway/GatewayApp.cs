using OrleansChat.Runtime.Diagnostics;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Diagnostics;
using OrleansChat.Gateway.Hosting;
using OrleansChat.Gateway.Http;
using OrleansChat.Gateway.Hubs;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Storage;

namespace OrleansChat.Gateway;

/// <summary>
/// Builds the gateway: services, middleware and endpoints. <c>Program.cs</c> runs it; tests build
/// it with their own configuration and host it on a real Kestrel port.
/// </summary>
internal static class GatewayApp
{
    /// <summary>Name of the connection string (<c>ConnectionStrings:Postgres</c>, env <c>ConnectionStrings__Postgres</c>).</summary>
    public const string ConnectionStringName = "Postgres";

    /// <param name="options">Host options (arguments, environment, content root).</param>
    /// <param name="configure">Runs before the gateway registers its services: add configuration, logging providers, or replace <see cref="TimeProvider"/>.</param>
    /// <param name="mapEndpoints">Maps extra endpoints after the gateway's own (the hub and later APIs, or test probes).</param>
    /// <exception cref="InvalidOperationException">No connection string is configured, or <c>Gateway:Cluster:Mode</c> is unknown.</exception>
    public static WebApplication Create(
        WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? mapEndpoints = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        configure?.Invoke(builder);

        // ASP.NET Core's per-request hosting logs include the query string, and the hub's
        // WebSocket handshake carries the access token there. RequestLogMiddleware logs requests instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);

        // SignalR logs every failed invocation as an error, refusals ([rate_limited], [room.banned])
        // included, so a flood would become a log flood. ChatHubFilter logs the unexpected failures itself.
        builder.Logging.AddFilter("Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher", LogLevel.Critical);

        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No PostgreSQL connection string: set ConnectionStrings:{ConnectionStringName} (environment variable ConnectionStrings__{ConnectionStringName}).");
        }

        builder.Services.AddGateway(connectionString);
        builder.AddGatewayChat();
        builder.Services.AddOrleansChatMetrics();
        builder.Services.AddOrleansChatOtlp(builder.Configuration);

        var app = builder.Build();

        // Created now, not at first use: the connections gauge must be scraped as 0 before anyone connects.
        app.Services.GetRequiredService<GatewayMetrics>();
        UsePipeline(app);
        MapEndpoints(app);
        mapEndpoints?.Invoke(app);
        return app;
    }

    /// <summary>
    /// A failure to start that an operator fixes in the settings or the environment: bad or
    /// missing settings, an unreachable or unmigratable database, a port in use. Its message says
    /// what to fix (and never carries a secret), so it is reported as one line, not a stack trace.
    /// </summary>
    public static bool IsStartupFailure(Exception exception) => exception is InvalidOperationException or ArgumentException
        or OptionsValidationException or DatabaseUnreachableException or SchemaMigrationException
        or IOException { InnerException: AddressInUseException };

    private static void UsePipeline(WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<GatewayHttpOptions>>().Value.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestLogMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException badRequest => badRequest.StatusCode,
                SigningKeyUnavailableException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        var webClient = app.UseWebClientFiles();
        app.UseMiddleware<OriginGuardMiddleware>();
        app.UseCors();
        // No WebSocket-level pings: the hub's own pings (HubOptions.KeepAliveInterval, 15 s) already
        // keep idle connections and the proxies in front of them alive, its client timeout closes
        // dead peers, and a WebSocket keep-alive is one timer per connection (issue 8's memory per
        // idle connection).
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.UseRouting();
        app.UseWebClientFallback(webClient);
        // A hub's WebSocket request lives as long as its connection, and so does whatever the
        // pipeline holds for it: such requests are authenticated without the request-scoped
        // authentication services (HubSocketAuthentication says why and how), and authorized
        // without the authorization middleware's frame when the endpoint's policy is met at once
        // (HubSocketAuthorization); anything else is authenticated and authorized as usual.
        app.MapWhen(HubSocketAuthentication.Applies, hub =>
        {
            hub.UseMiddleware<HubSocketAuthentication>();
            hub.UseWhen(context => context.User.Identity?.IsAuthenticated != true, unauthenticated => unauthenticated.UseAuthentication());
            hub.UseMiddleware<HubSocketAuthorization>();
            hub.UseAuthorization();
            hub.Run(RunEndpoint);
        });
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>Runs the endpoint routing chose (the end of a branch, where the endpoint middleware does not run).</summary>
    private static Task RunEndpoint(HttpContext context)
    {
        if (context.GetEndpoint()?.RequestDelegate is { } endpoint)
        {
            return endpoint(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapPrometheusMetrics("/metrics");
        if (app.Services.GetRequiredService<GatewayClusterOptions>().Mode == GatewayClusterMode.CoHosted)
        {
            // The silo's own view of the cluster, as a silo process serves it.
            app.MapClusterView("/cluster");
        }

        app.MapAuthEndpoints();
        app.MapChatApi();
        app.MapChatHub();
    }
}
