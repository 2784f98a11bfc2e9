using System.Text.Encodings.Web;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Gateway.Accounts;
using OrleansChat.Gateway.Api;
using OrleansChat.Gateway.Cluster;
using OrleansChat.Gateway.Http;
using OrleansChat.Gateway.Hubs;
using OrleansChat.Gateway.Messages;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Uploads;
using OrleansChat.Grains;
using OrleansChat.Grains.Hosting;
using OrleansChat.Runtime.Storage;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.Gateway.Hosting;

/// <summary>
/// Registers the gateway's chat side: the way to the grains (a cluster client, or in co-hosted mode
/// the grains themselves), the REST API's services, the hub and uploads.
/// </summary>
internal static class GatewayChatServices
{
    /// <summary>Configuration key of the cluster id the gateway joins as a client (the silos' <c>Cluster:ClusterId</c>).</summary>
    public const string ClusterIdKey = "Cluster:ClusterId";

    /// <summary>Configuration key of the client-mode gateway's limit for one membership table read (<c>ClusterClientOptions.TableOperationTimeout</c>).</summary>
    public const string TableOperationTimeoutKey = "Gateway:Cluster:TableOperationTimeout";

    /// <summary>Default HTTP address of a co-hosted gateway when ASPNETCORE_URLS is not set (Kestrel's own default).</summary>
    public const string DefaultUrls = "http://localhost:5000";

    /// <exception cref="InvalidOperationException"><c>Gateway:Cluster:Mode</c> is not a known mode.</exception>
    public static void AddGatewayChat(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var services = builder.Services;
        var cluster = GatewayClusterOptions.Read(configuration);
        services.AddSingleton(cluster);
        if (cluster.Mode == GatewayClusterMode.CoHosted)
        {
            // The grains live in this process: calls to them are local, and other silos may join.
            builder.AddChatSilo(DefaultUrls);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, LocalSiloReadinessCheck>());
        }
        else
        {
            var clusterId = configuration[ClusterIdKey] is { Length: > 0 } configured ? configured : "orleanschat";
            services.AddClusterClient([GrainsAssembly.Assembly], o =>
            {
                o.ClusterId = clusterId;
                // A value that is not a time span fails the start with the key named; an out-of-range one fails validation.
                if (configuration.GetValue<TimeSpan?>(TableOperationTimeoutKey) is { } timeout)
                {
                    o.TableOperationTimeout = timeout;
                }
            });
            // The client's calls obey the same Grains:* settings as a silo's (ResponseTimeout above all:
            // it bounds how long a post to a silo that vanished holds a browser's request).
            services.Configure<GrainRuntimeOptions>(configuration.GetSection(GrainRuntimeOptions.SectionName));
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, ClusterReadinessCheck>());
        }

        services.AddSingleton<GatewayNode>();
        services.AddSingleton<ChatGrains>();
        services.AddSingleton<ChatUserRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccountCreatedHandler, ChatAccountRegistration>());
        services.AddSingleton<ChatApiFilter>();

        services.AddSingleton<UserNameCache>();
        services.AddSingleton<ReactionReader>();
        services.AddSingleton<MessageViewFactory>();
        services.AddChatHub();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, UploadMigrations>());
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UploadOptions>, UploadOptionsValidator>());
        services.TryAddSingleton<IUploadStore, PostgresUploadStore>();

        // ASP.NET Core writes JSON with relaxed escaping by default. Responses carry user text, so
        // HTML-significant characters (< > & ' +) are escaped as \uXXXX: the JSON means the same,
        // but no sniffer or mistaken text/html rendering can ever see markup in it.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.Default);
    }
}
