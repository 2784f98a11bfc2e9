using Microsoft.Extensions.Options;
using OrleansChat.Grains;
using OrleansChat.Runtime.Hosting;

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

        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var siloSection = builder.Configuration.GetSection(SiloOptions.SectionName);
        var shutdownTimeout = siloSection.GetValue<TimeSpan?>(nameof(SiloOptions.ShutdownTimeout)) ?? TimeSpan.FromSeconds(30);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);

        var serviceId = builder.Configuration.GetSection(ClusterOptions.SectionName).GetValue<string>(nameof(ClusterOptions.ServiceId)) ?? "orleanschat";
        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddPostgreSqlGrainStorageAsDefault(o => o.ServiceId = serviceId);
        builder.Services.AddGrainRuntime(o => o.GrainAssemblies.Add(GrainsAssembly.Assembly));

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", (IHostApplicationLifetime lifetime) =>
            lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("ready")
                : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/cluster", (IOptions<SiloOptions> silo, IOptions<ClusterOptions> cluster) => Results.Json(new
        {
            clusterId = cluster.Value.ClusterId,
            silos = new[] { new { name = silo.Value.Name, address = $"{silo.Value.AdvertisedAddress}:{silo.Value.Port}", status = "Active" } },
        }));
        return app;
    }
}
