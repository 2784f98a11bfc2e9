using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Runtime.Client;

namespace OrleansChat.Gateway.Tests.Infrastructure;

/// <summary>
/// The whole system in process for a test collection: a fresh PostgreSQL database, a cluster of
/// two silos hosting the chat grains, and a gateway joined to it as a cluster client. Tests that
/// need more gateways start them with <see cref="StartGatewayAsync"/>; tests own their data through
/// unique names, so they share the cluster.
/// </summary>
public sealed class ChatCluster : IAsyncLifetime
{
    public const int SiloCount = 2;

    private readonly List<TestSilo> _silos = [];
    private GatewayHost? _gateway;
    private int _siloNames;

    public PostgresFixture Postgres { get; } = new();

    public string ClusterId { get; } = "gwt" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The shared gateway.</summary>
    public GatewayHost Gateway => _gateway ?? throw new InvalidOperationException("The cluster has not started.");

    public IReadOnlyList<TestSilo> Silos => _silos;

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        for (var i = 0; i < SiloCount; i++)
        {
            await StartSiloAsync();
        }

        await Wait.Until(() => _silos.All(s => s.Membership.CurrentView.ActiveSilos.Length == SiloCount), $"{SiloCount} active silos in every silo's view", TimeSpan.FromSeconds(30));
        _gateway = await StartGatewayAsync();
    }

    /// <summary>Starts another silo (it joins the cluster on its own).</summary>
    public async Task<TestSilo> StartSiloAsync()
    {
        var silo = await TestSilo.StartAsync(Postgres.ConnectionString, ClusterId, $"silo-{_siloNames++}", ChatLimitsForTests);
        _silos.Add(silo);
        return silo;
    }

    /// <summary>Stops a silo gracefully: its grains deactivate (their observer subscriptions are lost) and it leaves the cluster.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        _silos.Remove(silo);
        await silo.DisposeAsync();
    }

    /// <summary>Starts another gateway on the cluster and waits until it sees every silo.</summary>
    public async Task<GatewayHost> StartGatewayAsync(Action<GatewayHostSettings>? configure = null)
    {
        var gateway = await GatewayHost.StartAsync(Postgres.ConnectionString, settings =>
        {
            settings.Configuration["Cluster:ClusterId"] = ClusterId;
            // Every test of the collection signs up users from 127.0.0.1.
            settings.Configuration["Gateway:Auth:Throttle:MaxSignupsPerAddress"] = "100000";
            configure?.Invoke(settings);
        });
        var status = gateway.Services.GetRequiredService<IClusterClientStatus>();
        await Wait.For(status.WaitForActiveSilosAsync(_silos.Count), $"the gateway to see {_silos.Count} silos", TimeSpan.FromSeconds(30));
        return gateway;
    }

    /// <summary>Rows of the message log with this client message id (to prove a retry stored nothing new).</summary>
    public async Task<long> CountStoredAsync(string conversationId, string clientMessageId)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(Postgres.ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM chat_messages WHERE conversation_id = $1 AND client_message_id = $2");
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(clientMessageId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Postgres.DisposeAsync();
    }

    /// <summary>
    /// Per-conversation message limits high enough that tests posting K messages in a row are not
    /// throttled by the grains (the hub's own invocation limits are tested separately).
    /// </summary>
    private static void ChatLimitsForTests(Grains.Hosting.ChatOptions options)
    {
        options.RateLimit.PermitLimit = 1_000;
        options.RateLimit.Burst = 1_000;
        options.RateLimit.Window = TimeSpan.FromSeconds(1);
        options.PasswordIterations = 210_000;
    }
}
