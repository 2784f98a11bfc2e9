using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Diagnostics;
using OrleansChat.Runtime.Tests.Infrastructure;

namespace OrleansChat.Runtime.Tests.Diagnostics;

public sealed class OtlpExportTests
{
    [Fact]
    public void Without_an_endpoint_nothing_is_exported()
    {
        var services = new ServiceCollection().AddOrleansChatOtlp(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(OtlpTelemetry));
        Assert.Empty(services);
    }

    [Theory]
    [InlineData("localhost:4317")]
    [InlineData("not a url")]
    [InlineData("ftp://collector:4317")]
    [InlineData("/relative")]
    public void An_endpoint_that_is_not_an_http_url_is_refused_with_a_clear_message(string endpoint)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new(OtlpServiceCollectionExtensions.EndpointSetting, endpoint)])
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddOrleansChatOtlp(configuration));

        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", error.Message, StringComparison.Ordinal);
        Assert.Contains(endpoint, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_endpoint_metrics_and_logs_reach_an_otlp_receiver()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var (receiver, receiverAddress) = await StartReceiverAsync(received);
        await using var receiverScope = receiver;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
            [
                new(OtlpServiceCollectionExtensions.EndpointSetting, receiverAddress),
                new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
                new("OTEL_SERVICE_NAME", "otlp-test"),
            ])
            .Build();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOrleansChatMetrics().AddOrleansChatOtlp(configuration);
        var grainType = $"Otlp{Guid.NewGuid():N}";

        using (var host = builder.Build())
        {
            await host.StartAsync();
            host.Services.GetRequiredService<RuntimeInstruments>().GrainCallCompleted(grainType, "Post", CallOutcome.Success, TimeSpan.FromMilliseconds(1));
            host.Services.GetRequiredService<ILogger<OtlpExportTests>>().LogWarning("log line for {GrainType}", grainType);

            // Stopping the host flushes both exporters.
            await host.StopAsync();
        }

        await Wait.Until(
            () => received.Any(r => r.Path == "/v1/metrics" && Contains(r.Body, grainType)) && received.Any(r => r.Path == "/v1/logs" && Contains(r.Body, grainType)),
            $"the receiver got /v1/metrics and /v1/logs requests mentioning {grainType} (it got: {string.Join(", ", received.Select(r => $"{r.Path} {r.Body.Length} bytes"))})");
    }

    private static bool Contains(byte[] body, string text) =>
        body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    // A stand-in OTLP/HTTP collector: keeps each request's path and body, answers 200.
    private static async Task<(WebApplication App, string Address)> StartReceiverAsync(ConcurrentQueue<(string Path, byte[] Body)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            received.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return (app, address);
    }
}
