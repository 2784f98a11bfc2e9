using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway on a real Kestrel port (127.0.0.1:0) over a real PostgreSQL database, with every log
/// entry captured.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    /// <summary>The signing secret test gateways share unless a test says otherwise.</summary>
    public const string TestSigningSecret = "test-signing-secret-0123456789-abcdefghijklmnop";

    private readonly WebApplication _app;

    private GatewayHost(WebApplication app, CapturingLoggerProvider logs, Uri baseAddress, HttpMessageHandler? handler)
    {
        _app = app;
        Logs = logs;
        BaseAddress = baseAddress;
        Client = handler is null ? new HttpClient { BaseAddress = baseAddress } : new HttpClient(handler) { BaseAddress = baseAddress };
    }

    public Uri BaseAddress { get; }

    /// <summary>The gateway's own origin, as a browser page served by it would send in <c>Origin</c>.</summary>
    public string Origin => BaseAddress.GetLeftPart(UriPartial.Authority);

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a gateway; throws what start-up throws (validation, migration, key ring).</summary>
    public static async Task<GatewayHost> StartAsync(string connectionString, Action<GatewayHostSettings>? configure = null)
    {
        var settings = new GatewayHostSettings();
        settings.Configuration["ConnectionStrings:Postgres"] = connectionString;
        settings.Configuration["Gateway:Auth:SigningSecret"] = TestSigningSecret;
        // Everything down to trace reaches the capture (appsettings.json turns some categories down),
        // so log assertions see what the most verbose production setting would write.
        settings.Configuration["Logging:LogLevel:Default"] = "Trace";
        settings.Configuration["Logging:LogLevel:Microsoft"] = "Trace";
        settings.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        settings.Configuration["Logging:LogLevel:Npgsql"] = "Trace";
        configure?.Invoke(settings);

        var logs = new CapturingLoggerProvider();
        var app = GatewayApp.Create(
            new WebApplicationOptions
            {
                EnvironmentName = settings.EnvironmentName,
                ContentRootPath = AppContext.BaseDirectory,
                ApplicationName = typeof(GatewayApp).Assembly.GetName().Name,
            },
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings.Configuration);
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(logs);
                if (settings.TimeProvider is { } time)
                {
                    builder.Services.AddSingleton(time);
                }

                foreach (var configureServices in settings.Services)
                {
                    configureServices(builder.Services);
                }

                if (settings.HttpsCertificate is { } certificate)
                {
                    builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
                }
                else
                {
                    builder.WebHost.UseUrls("http://127.0.0.1:0");
                }
            },
            settings.MapEndpoints);

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        // A co-hosted gateway also listens for silo messaging; that port is not the gateway's address.
        var siloPort = settings.Configuration.GetValueOrDefault("Silo:Port");
        var address = new Uri(app.Urls.Single(url => siloPort is null || new Uri(url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) != siloPort));
        HttpMessageHandler? handler = settings.HttpsCertificate is null
            ? null
            : new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        return new GatewayHost(app, logs, address, handler);
    }

    /// <summary>A new client for the same gateway (its own default headers).</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        DumpLogs();
    }

    /// <summary>With <c>ORLEANSCHAT_TEST_LOG_DIR</c> set, writes the captured warnings and errors there (for diagnosing a failed run).</summary>
    private void DumpLogs()
    {
        var directory = Environment.GetEnvironmentVariable("ORLEANSCHAT_TEST_LOG_DIR");
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var lines = Logs.Entries
            .Where(e => e.Level >= LogLevel.Warning)
            .Select(e => $"{e.Level} {e.Category} [{e.EventId}] {e.Message}{(e.Exception is null ? string.Empty : Environment.NewLine + e.Exception)}");
        File.WriteAllLines(Path.Combine(directory, $"gateway-{BaseAddress.Port}.log"), lines);
    }
}
