using Npgsql;
using OrleansChat.Runtime.Membership;
using OrleansChat.Runtime.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Membership;

/// <summary>
/// Several membership services of one fresh cluster id in this process, on 127.0.0.1 with
/// OS-assigned UDP probe ports and fast settings. Disposing crashes whatever is still running.
/// </summary>
internal sealed class MembershipTestCluster(NpgsqlDataSource dataSource, ITestOutputHelper? output = null) : IAsyncDisposable
{
    // Silo ports are only identities here (nothing binds them: probes use ProbePort 0), so a
    // process-wide counter keeps them distinct.
    private static int _nextPort = 30_000;

    private readonly List<MemberSilo> _silos = [];

    public string ClusterId { get; } = "cluster-" + Guid.NewGuid().ToString("N")[..12];

    public NpgsqlDataSource DataSource => dataSource;

    public MembershipTable Table => new(dataSource, ClusterId);

    /// <summary>Fast settings: a crash is detected after about 3 x 200 ms.</summary>
    public static MembershipOptions FastOptions(string clusterId, int port) => new()
    {
        ClusterId = clusterId,
        LocalSiloAddress = new SiloAddress("127.0.0.1", port, 0),
        SiloName = $"silo-{port}",
        ProbePort = 0,
        ProbeTimeout = TimeSpan.FromMilliseconds(200),
        NumMissedProbesLimit = 3,
        NumProbedSilos = 3,
        NumVotesForDeathDeclaration = 2,
        DeathVoteExpiration = TimeSpan.FromMinutes(1),
        IAmAliveTablePublishTimeout = TimeSpan.FromMilliseconds(500),
        TableRefreshTimeout = TimeSpan.FromMilliseconds(200),
        TableOperationTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>An upper bound for "crashed silo is Dead in every view" under <paramref name="options"/>, plus slack for a loaded machine.</summary>
    public static TimeSpan DetectionBound(MembershipOptions options) =>
        options.ProbeTimeout * (options.NumMissedProbesLimit + 2) + options.TableRefreshTimeout * 2 + TimeSpan.FromSeconds(4);

    public static int NewPort() => Interlocked.Increment(ref _nextPort);

    public MemberSilo Create(int? port = null, Action<MembershipOptions>? configure = null, ISiloLivenessSource? liveness = null)
    {
        var options = FastOptions(ClusterId, port ?? NewPort());
        configure?.Invoke(options);
        var silo = new MemberSilo(new MembershipTable(dataSource, options.ClusterId), options, liveness, output);
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    public async Task<MemberSilo> StartAsync(int? port = null, Action<MembershipOptions>? configure = null, ISiloLivenessSource? liveness = null)
    {
        var silo = Create(port, configure, liveness);
        await Wait.For(silo.Service.StartAsync(CancellationToken.None), $"silo {silo.Options.LocalSiloAddress} to join");
        return silo;
    }

    /// <summary>Waits until <paramref name="silo"/>'s view satisfies <paramref name="predicate"/>; a timeout shows the view it had then.</summary>
    public static async Task<MembershipView> WaitForView(MemberSilo silo, Func<MembershipView, bool> predicate, string expectation, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Wait.DefaultTimeout;
        try
        {
            return await silo.Service.WaitForViewAsync(predicate).WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting until silo {silo.Address} sees {expectation}; its view: {silo.View}");
        }
    }

    /// <summary>Runs SQL against the cluster's database.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ReadVersionAsync(string? clusterId = null)
    {
        await using var command = dataSource.CreateCommand("SELECT version FROM cluster_membership_version WHERE cluster_id = @c");
        command.Parameters.AddWithValue("c", clusterId ?? ClusterId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        MemberSilo[] silos;
        lock (_silos)
        {
            silos = [.. _silos];
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }
    }
}
