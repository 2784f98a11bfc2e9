using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansChat.LoadTest.Baseline;

/// <summary>
/// Hosts <see cref="BaselineChatHub"/> on 127.0.0.1 (port 0 picks a free one) with ASP.NET Core's
/// defaults: Kestrel, the SignalR JSON protocol, no logging below warnings. Used in-process by
/// tests and as its own process (<c>loadtest baseline-hub</c>) by the benchmarks, so that the
/// baseline runs in a process of its own exactly like the gateway it is compared with.
/// </summary>
internal sealed class BaselineHubServer : IAsyncDisposable
{
    /// <summary>The hub's path, the same as the gateway's.</summary>
    public const string HubPath = "/hubs/chat";

    private readonly WebApplication _app;

    private BaselineHubServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public Uri HubUrl => new(BaseUrl, HubPath);

    /// <summary>Starts the hub; <paramref name="historyCapacity"/> messages per conversation are kept for catch-up.</summary>
    public static async Task<BaselineHubServer> StartAsync(int port, int historyCapacity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfNegative(historyCapacity);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(new BaselineChatState(historyCapacity));
        builder.Services.AddSingleton(TimeProvider.System);

        var app = builder.Build();
        app.MapHub<BaselineChatHub>(HubPath);
        app.MapGet("/healthz", () => "ok");
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new BaselineHubServer(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
