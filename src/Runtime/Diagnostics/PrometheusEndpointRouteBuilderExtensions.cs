using System.Diagnostics.CodeAnalysis;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>Serves the Prometheus scrape endpoint.</summary>
public static class PrometheusEndpointRouteBuilderExtensions
{
    /// <summary>The content type of the Prometheus text format 0.0.4.</summary>
    public const string ContentType = PrometheusTextWriter.ContentType;

    /// <summary>
    /// Maps <c>GET <paramref name="pattern"/></c> to the Prometheus text exposition of this
    /// host's OrleansChat meters. Requires <see cref="MetricsServiceCollectionExtensions.AddOrleansChatMetrics"/>.
    /// </summary>
    public static IEndpointConventionBuilder MapPrometheusMetrics(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var collector = endpoints.ServiceProvider.GetService<PrometheusCollector>()
            ?? throw new InvalidOperationException(
                "MapPrometheusMetrics needs the metrics services: call services.AddOrleansChatMetrics() when building the host.");

        return endpoints.MapGet(pattern, async context =>
        {
            var output = new StringBuilder(4096);
            collector.Collect(output);
            context.Response.ContentType = ContentType;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsync(output.ToString(), Encoding.UTF8, context.RequestAborted);
        }).WithDisplayName("Prometheus metrics");
    }
}
