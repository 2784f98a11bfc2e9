using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>How a test wants its gateway: configuration overrides, services, extra endpoints, HTTPS.</summary>
public sealed class GatewayHostSettings
{
    /// <summary>Configuration keys (e.g. <c>Gateway:Auth:Throttle:MaxFailuresPerAccount</c>); a null value removes a default.</summary>
    public Dictionary<string, string?> Configuration { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string EnvironmentName { get; set; } = "Production";

    public TimeProvider? TimeProvider { get; set; }

    public List<Action<IServiceCollection>> Services { get; } = [];

    public Action<WebApplication>? MapEndpoints { get; set; }

    /// <summary>Serve HTTPS with this certificate instead of HTTP.</summary>
    public X509Certificate2? HttpsCertificate { get; set; }
}
