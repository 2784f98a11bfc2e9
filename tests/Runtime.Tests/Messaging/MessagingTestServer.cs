using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Messaging;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Messaging;

/// <summary>A real Kestrel server with the messaging endpoint on 127.0.0.1.</summary>
internal sealed class MessagingTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MessagingTestServer(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    public IPEndPoint EndPoint { get; }

    public ConnectionRegistry Registry => _app.Services.GetRequiredService<ConnectionRegistry>();

    /// <param name="port">0 picks a free port; a restart passes the previous port.</param>
    public static async Task<MessagingTestServer> StartAsync(
        ITestOutputHelper output, string clusterId, IMessageHandler handler, int port = 0, Action<MessagingOptions>? configure = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenForMessaging(new IPEndPoint(IPAddress.Loopback, port)));
        builder.Logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new XunitLoggerProvider(output));
        builder.Services.AddMessaging(options =>
        {
            options.ClusterId = clusterId;
            configure?.Invoke(options);
        });
        builder.Services.AddSingleton(handler);
        builder.Services.AddSingleton(PeerIdentity.ForSilo(new IPEndPoint(IPAddress.Loopback, port), generation: Environment.TickCount64));
        var app = builder.Build();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var boundPort = new Uri(address).Port;
        return new MessagingTestServer(app, new IPEndPoint(IPAddress.Loopback, boundPort));
    }

    public async Task StopAsync()
    {
        await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // Stop first, so Kestrel asks open connections to close gracefully before disposal.
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
