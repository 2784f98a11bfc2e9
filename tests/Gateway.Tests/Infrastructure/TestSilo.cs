using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansChat.Grains;
using OrleansChat.Grains.Hosting;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// One silo of the in-process test cluster (the pattern of Runtime.Tests' TestCluster): a real
/// Kestrel host with its own messaging port and membership row, hosting the chat grains on the
/// shared PostgreSQL database.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _disposed;

    private TestSilo(WebApplication app, SiloClusteringOptions options)
    {
        _app = app;
        Options = options;
    }

    public SiloClusteringOptions Options { get; }

    public IServiceProvider Services => _app.Services;

    public IClusterMembership Membership => _app.Services.GetRequiredService<IClusterMembership>();

    public static async Task<TestSilo> StartAsync(string connectionString, string clusterId, string name, Action<ChatOptions>? chat = null)
    {
        var port = FreePort.Next();
        var options = new SiloClusteringOptions
        {
            ClusterId = clusterId,
            SiloName = name,
            AdvertisedAddress = "127.0.0.1",
            SiloPort = port,
            ProbePort = port,
            ListenAddress = IPAddress.Loopback,
            DrainDelay = TimeSpan.FromMilliseconds(200),
            ConfigureMembership = m =>
            {
                m.ProbeTimeout = TimeSpan.FromMilliseconds(500);
                m.TableRefreshTimeout = TimeSpan.FromMilliseconds(500);
                m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansChatPostgres(connectionString);
        builder.Services.AddPostgreSqlGrainStorageAsDefault(o => o.ServiceId = clusterId);
        builder.Services.AddGrainRuntime(o => o.GrainAssemblies.Add(GrainsAssembly.Assembly));
        builder.Services.AddChatGrains(chat);
        builder.Services.AddSiloClustering(options);
        builder.WebHost.ConfigureKestrel(k => k.ListenForSilo(options));
        var app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new TestSilo(app, options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
