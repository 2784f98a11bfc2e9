using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Diagnostics;
using OrleansChat.Gateway.Hubs.Fanout;
using OrleansChat.Gateway.Hubs.Presence;

namespace OrleansChat.Gateway.Hubs;

/// <summary>Registers and maps the chat hub.</summary>
internal static class ChatHubServices
{
    public static IServiceCollection AddChatHub(this IServiceCollection services)
    {
        services.AddOptions<ChatHubOptions>().BindConfiguration(ChatHubOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ChatHubOptions>, ChatHubOptionsValidator>());

        services.AddSingleton<HubConnections>();
        services.AddSingleton<GatewayMetrics>();
        services.AddSingleton<ConversationFeeds>();
        services.AddHostedService<ClusterChangeRenewal>();
        services.AddSingleton<UserFeeds>();
        services.AddSingleton<PresenceReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceReporter>());
        services.AddSingleton<HubSessionGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionGuard>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISessionRevokedHandler, HubSessionGuard>(sp => sp.GetRequiredService<HubSessionGuard>()));
        services.AddHostedService<HubShutdown>();
        services.AddSingleton<ChatHubFilter>();
        services.AddSingleton<HubWriter>();
        services.AddSingleton<ChatHubLifetimeManager>();
        services.AddSingleton<HubLifetimeManager<ChatHub>>(sp => sp.GetRequiredService<ChatHubLifetimeManager>());

        services.AddSignalR(o =>
            {
                // Failures reach clients only as "[code] text" HubExceptions built by ChatHubFilter.
                o.EnableDetailedErrors = false;
                o.KeepAliveInterval = TimeSpan.FromSeconds(15);
                o.ClientTimeoutInterval = TimeSpan.FromSeconds(30);
                o.HandshakeTimeout = TimeSpan.FromSeconds(10);
                // One invocation at a time per connection: order of a client's calls is kept, and a
                // client cannot multiply its load by pipelining.
                o.MaximumParallelInvocationsPerClient = 1;
            })
            .AddJsonProtocol()
            .AddHubOptions<ChatHub>(o => o.AddFilter<ChatHubFilter>());

        // JSON with "[code] text" errors instead of SignalR's own JSON protocol (same name "json").
        services.RemoveAll<IHubProtocol>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, ChatHubProtocol>());

        // After AddHubOptions, whose setup copies the global options into the hub's own: set later, this is kept.
        services.AddOptions<HubOptions<ChatHub>>().Configure<IOptions<ChatHubOptions>>((hub, chat) =>
            hub.MaximumReceiveMessageSize = chat.Value.MaxReceiveMessageBytes);
        return services;
    }

    public static IEndpointConventionBuilder MapChatHub(this IEndpointRouteBuilder endpoints)
    {
        var maxMessage = endpoints.ServiceProvider.GetRequiredService<IOptions<ChatHubOptions>>().Value.MaxReceiveMessageBytes;
        return endpoints.MapHub<ChatHub>(ChatHub.Path, o =>
        {
            // WebSockets only: the Origin allowlist runs on the one handshake, and no long-polling
            // or SSE fallback has to be secured separately.
            o.Transports = HttpTransportType.WebSockets;
            o.ApplicationMaxBufferSize = maxMessage;
            o.TransportMaxBufferSize = 256 * 1024;
        });
    }
}
