using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Accounts;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Http;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Storage;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Registers the gateway's services.</summary>
internal static class GatewayServices
{
    public static void AddGateway(this IServiceCollection services, string connectionString)
    {
        // Migration sources first: accounts before the auth tables that reference them.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, AccountMigrations>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMigrationSource, AuthMigrations>());
        services.AddOrleansChatPostgres(connectionString);

        services.AddOptions<GatewayHttpOptions>().BindConfiguration(GatewayHttpOptions.SectionName).ValidateOnStart();
        services.AddOptions<GatewayAuthOptions>().BindConfiguration(GatewayAuthOptions.SectionName).ValidateOnStart();
        services.AddOptions<LoginThrottleOptions>().BindConfiguration(LoginThrottleOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayHttpOptions>, GatewayHttpOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayAuthOptions>, GatewayAuthOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoginThrottleOptions>, LoginThrottleOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<GatewayAuthOptions>, DevelopmentSecret>());

        services.AddHttp();
        services.AddAccountsAndAuth();
        services.AddHostedService<GatewayStartupLog>();
    }

    private static void AddHttp(this IServiceCollection services)
    {
        services.AddChatProblemDetails();
        services.AddSingleton<OriginPolicy>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<OriginPolicy>((cors, origins) => cors.AddDefaultPolicy(policy => policy
            .SetIsOriginAllowed(origins.IsConfiguredCrossOrigin)
            .AllowAnyHeader()
            .AllowAnyMethod()
            // The SignalR JavaScript client sends negotiate requests with credentials by default.
            .AllowCredentials()
            .WithExposedHeaders("Retry-After", "Location")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayHttpOptions>>((kestrel, http) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = http.Value.MaxRequestBodyBytes;
        });

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GatewayHttpOptions>>((forwarded, http) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = 1;
            // The framework trusts loopback by default; only the configured proxies are trusted here.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in http.Value.TrustedProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
            }
        });

        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
        });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, DatabaseReadinessCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, AuthReadinessCheck>());
    }

    private static void AddAccountsAndAuth(this IServiceCollection services)
    {
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountPasswordHasher>();

        services.AddSingleton<SigningKeyProtector>();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<HubTokenIssuer>();
        services.AddSingleton<HubTokenValidator>();
        services.AddSingleton<BearerTokenValidator>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionRevocationCache>();
        services.AddSingleton<SessionRevocationPublisher>();
        services.AddSingleton<SessionRevoker>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuthService>();

        // Key ring before revocation monitor: both finish loading in StartAsync, before Kestrel listens.
        services.AddHostedService<SigningKeyRingService>();
        services.AddHostedService<SessionRevocationMonitor>();
        services.AddHostedService<AuthHousekeepingService>();

        services.AddAuthentication(ChatBearerDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ChatBearerHandler>(ChatBearerDefaults.Scheme, configureOptions: null);
        services.AddAuthorization(ChatPolicies.Add);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ChatAuthorizationResultHandler>();
    }
}
