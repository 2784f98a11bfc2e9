using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Runtime.Activation;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Hosting;
using OrleansChat.Runtime.Membership;

namespace OrleansChat.Runtime.Tests.Infrastructure;

/// <summary>
/// An in-process cluster (Orleans' InProcessTestCluster): N silos, each a real Kestrel host with
/// its own messaging port and membership row, plus a cluster client, all on one real PostgreSQL
/// database. Silos can be added and stopped gracefully; tests wait on membership, never sleep.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly List<TestClusterSilo> _silos = [];
    private readonly string _clientConnectionString;
    private readonly Action<ClusterClientOptions>? _configureClient;
    private IHost? _client;

    private TestCluster(string connectionString, string? clientConnectionString, Action<ClusterClientOptions>? configureClient)
    {
        _connectionString = connectionString;
        _clientConnectionString = clientConnectionString ?? connectionString;
        _configureClient = configureClient;
    }

    public string ClusterId { get; } = "c" + Guid.NewGuid().ToString("N")[..12];

    public IReadOnlyList<TestClusterSilo> Silos => _silos;

    public IGrainFactory Client => _client!.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider ClientServices => _client!.Services;

    public IClusterClientStatus ClientStatus => _client!.Services.GetRequiredService<IClusterClientStatus>();

    /// <param name="clientConnectionString">The client's way to the same database (a relay, for outages of the client alone); default the silos' own.</param>
    /// <param name="configureClient">Applied after the test defaults of the client's options.</param>
    public static async Task<TestCluster> StartAsync(string connectionString, int silos, string? clientConnectionString = null, Action<ClusterClientOptions>? configureClient = null)
    {
        var cluster = new TestCluster(connectionString, clientConnectionString, configureClient);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartSiloAsync();
        }

        await cluster.StartClientAsync();
        await cluster.WaitForActiveSilosAsync(silos);
        return cluster;
    }

    public async Task<TestClusterSilo> StartSiloAsync()
    {
        var port = FreePort.Next();
        var options = new SiloClusteringOptions
        {
            ClusterId = ClusterId,
            SiloName = $"silo-{_silos.Count}",
            AdvertisedAddress = "127.0.0.1",
            SiloPort = port,
            ProbePort = port,
            ListenAddress = IPAddress.Loopback,
            DrainDelay = TimeSpan.FromSeconds(1),
            ConfigureMembership = m =>
            {
                m.ProbeTimeout = TimeSpan.FromMilliseconds(200);
                m.TableRefreshTimeout = TimeSpan.FromMilliseconds(200);
                m.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansChatPostgres(_connectionString);
        builder.Services.AddPostgreSqlGrainStorageAsDefault(o => o.ServiceId = ClusterId);
        builder.Services.AddGrainRuntime(o => o.GrainAssemblies.Add(typeof(TestCluster).Assembly));
        builder.Services.AddSiloClustering(options);
        builder.WebHost.ConfigureKestrel(k => k.ListenForSilo(options));
        var app = builder.Build();
        await app.StartAsync();
        var silo = new TestClusterSilo(app, options);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully (SIGTERM-like): it leaves membership after deactivating its grains.</summary>
    public async Task StopSiloAsync(TestClusterSilo silo)
    {
        _silos.Remove(silo);
        await silo.DisposeAsync();
    }

    /// <summary>Waits until the client's view holds exactly <paramref name="count"/> active silos.</summary>
    public Task WaitForActiveSilosAsync(int count) =>
        Wait.Until(() => ClientStatus.ActiveSilos == count && _silos.All(s => s.Membership.CurrentView.ActiveSilos.Length == count), $"{count} active silos in every view");

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var silo in _silos.ToArray())
        {
            await silo.DisposeAsync();
        }
    }

    private async Task StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansChatPostgres(_clientConnectionString);
        builder.Services.AddClusterClient([typeof(TestCluster).Assembly], o =>
        {
            o.ClusterId = ClusterId;
            o.TableRefreshPeriod = TimeSpan.FromMilliseconds(100);
            _configureClient?.Invoke(o);
        });
        _client = builder.Build();
        await _client.StartAsync();
    }
}

/// <summary>One silo of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterSilo(WebApplication app, SiloClusteringOptions options) : IAsyncDisposable
{
    private bool _disposed;

    public SiloClusteringOptions Options { get; } = options;

    public IServiceProvider Services => app.Services;

    public IClusterMembership Membership => app.Services.GetRequiredService<IClusterMembership>();

    public IGrainFactory GrainFactory => app.Services.GetRequiredService<IGrainFactory>();

    internal Catalog Catalog => app.Services.GetRequiredService<Catalog>();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
