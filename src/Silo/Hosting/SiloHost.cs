using Microsoft.Extensions.Options;
using OrleansChat.Grains;
using OrleansChat.Grains.Hosting;
using OrleansChat.Runtime.Diagnostics;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Membership;
using System.Reflection;

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

        var clusterSection = builder.Configuration.GetSection(ClusterOptions.SectionName);
        var serviceId = clusterSection.GetValue<string>(nameof(ClusterOptions.ServiceId)) ?? "orleanschat";
        var silo = new SiloOptions();
        siloSection.Bind(silo);
        var clustering = new SiloClusteringOptions
        {
            ClusterId = clusterSection.GetValue<string>(nameof(ClusterOptions.ClusterId)) ?? "orleanschat",
            SiloName = silo.Name,
            AdvertisedAddress = silo.AdvertisedAddress,
            SiloPort = silo.Port,
            ProbePort = silo.ProbePort,
            ConfigureMembership = m => builder.Configuration.GetSection("Membership").Bind(m),
        };

        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddPostgreSqlGrainStorageAsDefault(o => o.ServiceId = serviceId);
        builder.Services.AddGrainRuntime(o =>
        {
            o.GrainAssemblies.Add(GrainsAssembly.Assembly);
            foreach (var extra in ExtraGrainAssemblies(builder.Configuration))
            {
                o.GrainAssemblies.Add(extra);
            }
        });
        builder.Services.Configure<GrainRuntimeOptions>(builder.Configuration.GetSection(GrainRuntimeOptions.SectionName));
        builder.Services.AddChatGrains(o => builder.Configuration.GetSection("Chat").Bind(o));
        builder.Services.AddSiloClustering(clustering);
        builder.Services.AddOrleansChatMetrics();
        builder.Services.AddOrleansChatOtlp(builder.Configuration);
        var httpEndpoints = HttpEndpoints.Parse(builder.Configuration["urls"] ?? "http://127.0.0.1:8080").ToArray();

        // The endpoints are bound explicitly below; clearing the URL setting avoids Kestrel's "overriding" warning.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenForSilo(clustering);
            foreach (var endpoint in httpEndpoints)
            {
                kestrel.Listen(endpoint);
            }
        });

        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", (IClusterMembership membership, IHostApplicationLifetime lifetime) =>
            !lifetime.ApplicationStopping.IsCancellationRequested && membership.CurrentView.GetStatus(membership.LocalAddress) == SiloStatus.Active
                ? Results.Text("ready")
                : Results.Text("not ready", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/cluster", ClusterEndpoint.Handle);
        app.MapPrometheusMetrics("/metrics");
        return app;
    }

    // Test builds load extra grain assemblies by path (Grains:ExtraAssemblies); production uses only the chat grains.
    private static IEnumerable<Assembly> ExtraGrainAssemblies(IConfiguration configuration) =>
        configuration.GetSection("Grains:ExtraAssemblies").Get<string[]>()?.Select(Assembly.LoadFrom) ?? [];
}
