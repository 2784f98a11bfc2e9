using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Diagnostics;

namespace OrleansChat.Runtime.Tests.Diagnostics;

/// <summary>A real Kestrel server on 127.0.0.1, scraped over HTTP as Prometheus would.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_endpoint_serves_the_text_format_over_http()
    {
        await using var app = await StartAsync(services => services.AddOrleansChatMetrics(), app => app.MapPrometheusMetrics("/metrics"));
        var grainType = $"EndToEnd{Guid.NewGuid():N}";
        var instruments = app.Services.GetRequiredService<RuntimeInstruments>();
        instruments.ActivationCreated(grainType);
        instruments.GrainCallCompleted(grainType, "Join", CallOutcome.Success, TimeSpan.FromMilliseconds(2));
        using var http = new HttpClient { BaseAddress = BaseAddress(app) };

        using var response = await http.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "0.0.4");
        ExpositionGrammar.AssertValid(body);
        Assert.Contains($"orleanschat_grain_activations{{grain_type=\"{grainType}\"}} 1\n", body, StringComparison.Ordinal);
        Assert.Contains($"orleanschat_grain_calls_total{{grain_method=\"Join\",grain_type=\"{grainType}\",outcome=\"success\"}} 1\n", body, StringComparison.Ordinal);
        Assert.Contains($"orleanschat_grain_call_duration_seconds_count{{grain_method=\"Join\",grain_type=\"{grainType}\",outcome=\"success\"}} 1\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_scrape_sees_measurements_made_after_the_first()
    {
        await using var app = await StartAsync(services => services.AddOrleansChatMetrics(), app => app.MapPrometheusMetrics());
        var status = $"status{Guid.NewGuid():N}";
        var instruments = app.Services.GetRequiredService<RuntimeInstruments>();
        using var http = new HttpClient { BaseAddress = BaseAddress(app) };

        instruments.MembershipChanged(status);
        var first = await http.GetStringAsync("/metrics");
        instruments.MembershipChanged(status);
        var second = await http.GetStringAsync("/metrics");

        Assert.Contains($"orleanschat_membership_changes_total{{silo_status=\"{status}\"}} 1\n", first, StringComparison.Ordinal);
        Assert.Contains($"orleanschat_membership_changes_total{{silo_status=\"{status}\"}} 2\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mapping_metrics_without_the_metrics_services_fails_with_a_clear_message()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPrometheusMetrics());

        Assert.Contains("AddOrleansChatMetrics", error.Message, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(Action<IServiceCollection> configureServices, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        configureServices(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    private static Uri BaseAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
}
