using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Grains.Hosting;

/// <summary>
/// Makes a web host a silo of the chat cluster. The silo process (src/Silo) and a gateway in
/// co-hosted mode (<c>Gateway:Cluster:Mode=CoHosted</c>) both build their silo here, so the two
/// read the same settings (<c>Silo</c>, <c>Cluster</c>, <c>Grains</c>, <c>Membership</c>, <c>Chat</c>).
/// </summary>
public static class ChatSiloHostBuilderExtensions
{
    /// <summary>
    /// Adds grain storage, the grain runtime, the chat grains and clustering, and makes Kestrel
    /// listen for silo messaging on <c>Silo:Port</c> next to the HTTP addresses. Needs
    /// <c>AddOrleansChatPostgres</c>. Reads the HTTP addresses (<c>urls</c>, ASPNETCORE_URLS) when
    /// called, so settings that change them must be applied first.
    /// </summary>
    /// <param name="builder">The host to make a silo.</param>
    /// <param name="defaultUrls">HTTP addresses when none are configured.</param>
    /// <returns>How the silo joins the cluster (its name, ports, cluster id).</returns>
    /// <exception cref="InvalidOperationException">An HTTP address is not a plain http://ip:port address.</exception>
    public static SiloClusteringOptions AddChatSilo(this WebApplicationBuilder builder, string defaultUrls)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var siloSection = configuration.GetSection(SiloOptions.SectionName);
        var shutdownTimeout = siloSection.GetValue<TimeSpan?>(nameof(SiloOptions.ShutdownTimeout)) ?? TimeSpan.FromSeconds(30);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);

        var clusterSection = configuration.GetSection(ClusterOptions.SectionName);
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
            ConfigureMembership = m => configuration.GetSection("Membership").Bind(m),
        };

        services.AddPostgreSqlGrainStorageAsDefault(o => o.ServiceId = serviceId);
        services.AddGrainRuntime(o =>
        {
            o.GrainAssemblies.Add(GrainsAssembly.Assembly);
            foreach (var extra in ExtraGrainAssemblies(configuration))
            {
                o.GrainAssemblies.Add(extra);
            }
        });
        services.Configure<GrainRuntimeOptions>(configuration.GetSection(GrainRuntimeOptions.SectionName));
        services.AddChatGrains(o => configuration.GetSection("Chat").Bind(o));
        services.AddSiloClustering(clustering);

        var httpEndpoints = HttpEndpoints.Parse(configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : defaultUrls).ToArray();

        // Listening on the messaging port in code makes Kestrel ignore the configured URLs, so the
        // HTTP endpoints are bound explicitly too; clearing the URL setting avoids Kestrel's "overriding" warning.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ListenForSilo(clustering);
            foreach (var endpoint in httpEndpoints)
            {
                kestrel.Listen(endpoint);
            }
        });
        return clustering;
    }

    // Test builds load extra grain assemblies by path (Grains:ExtraAssemblies); production uses only the chat grains.
    private static IEnumerable<Assembly> ExtraGrainAssemblies(IConfiguration configuration) =>
        configuration.GetSection("Grains:ExtraAssemblies").Get<string[]>()?.Select(Assembly.LoadFrom) ?? [];
}
