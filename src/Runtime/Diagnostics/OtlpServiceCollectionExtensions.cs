using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Runtime.Diagnostics;

/// <summary>Optional export of metrics and logs over OTLP.</summary>
public static class OtlpServiceCollectionExtensions
{
    /// <summary>The setting (environment variable) that turns OTLP export on.</summary>
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Exports the OrleansChat meters and the host's logs over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; does nothing otherwise. The exporter reads
    /// the other standard variables (<c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>,
    /// <c>OTEL_SERVICE_NAME</c>, <c>OTEL_RESOURCE_ATTRIBUTES</c>) from the same configuration.
    /// </summary>
    /// <exception cref="InvalidOperationException">The endpoint is set but is not an absolute http(s) URL.</exception>
    public static IServiceCollection AddOrleansChatOtlp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoint = configuration[EndpointSetting];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException(
                $"{EndpointSetting} must be an absolute http:// or https:// URL (e.g. http://otel-collector:4317), but is '{endpoint}'.");
        }

        services.TryAddSingleton(_ => new OtlpTelemetry(configuration, uri));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILoggerProvider, OtlpLoggerProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OtlpExportService>());
        return services;
    }
}
