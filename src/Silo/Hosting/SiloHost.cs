using OrleansChat.Grains.Hosting;
using OrleansChat.Runtime.Diagnostics;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Silo.Hosting;

/// <summary>Builds the silo web host: grain runtime, PostgreSQL storage, health and cluster endpoints.</summary>
public static class SiloHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "No database configured: set ConnectionStrings:Postgres (environment variable ConnectionStrings__Postgres).");
        }

        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.AddChatSilo(defaultUrls: "http://127.0.0.1:8080");
        builder.Services.AddOrleansChatMetrics();
        builder.Services.AddOrleansChatOtlp(builder.Configuration);

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", (IClusterMembership membership, IHostApplicationLifetime lifetime) =>
            !lifetime.ApplicationStopping.IsCancellationRequested && membership.CurrentView.GetStatus(membership.LocalAddress) == SiloStatus.Active
                ? Results.Text("ready")
                : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapClusterView("/cluster");
        app.MapPrometheusMetrics("/metrics");
        return app;
    }
}
