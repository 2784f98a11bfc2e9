using System.Diagnostics;
using System.Net;
using Npgsql;
using OrleansChat.MultiHost.Tests.Chat;
using OrleansChat.MultiHost.Tests.Network;
using OrleansChat.MultiHost.Tests.Nodes;
using OrleansChat.Runtime.Membership;
using Xunit.Abstractions;

namespace OrleansChat.MultiHost.Tests;

/// <summary>
/// The cluster on separate machines: PostgreSQL, three silos and a gateway, each in its own network
/// namespace with its own address on one bridge. One silo's cable is then pulled.
/// </summary>
public sealed class PartitionTests(ITestOutputHelper output)
{
    private const int RoomCount = 12;

    // With 0.5 s probes, 3 misses and 2 votes a silent silo is Dead in a few seconds; the bound leaves room for a loaded CI machine.
    private static readonly TimeSpan DeathBound = TimeSpan.FromSeconds(30);

    // The silos' isolation timeout is 10 s after the cut; the rest is slack for a loaded machine. Well
    // below the ~30 s a read of the black-holed table takes to fail, which must not delay the stop.
    private static readonly TimeSpan IsolationBound = TimeSpan.FromSeconds(25);

    // Every message is resent with its client id until acknowledged, within this bound.
    private static readonly TimeSpan PostBound = TimeSpan.FromSeconds(60);

    // A post that reached the cut silo before the gateway re-read the table (every 1 s) would wait out the
    // runtime's 30 s response timeout; the client gives up sooner and resends, as a browser would.
    private static readonly TimeSpan PostPatience = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_partitioned_silo_is_declared_dead_and_terminates_its_rooms_resume_on_the_others_and_no_acknowledged_message_is_lost()
    {
        Preconditions.Require();
        LeftoverSweeper.Sweep();
        using var network = TestNetwork.Create();
        var processes = new List<NodeProcess>();
        var disposables = new List<IDisposable>();
        try
        {
            var suffix = Guid.NewGuid().ToString("N")[..8];
            var clusterId = "mh" + suffix;
            var pgHost = network.AddHost("pg");
            var siloHosts = new[] { network.AddHost("s0"), network.AddHost("s1"), network.AddHost("s2") };
            var gatewayHost = network.AddHost("gw");

            var postgres = await PostgresNode.StartAsync(pgHost, network.Cidr, network.WorkDirectory);
            disposables.Add(postgres);
            processes.Add(postgres.Process);
            var silos = siloHosts.Select((host, i) => SiloNode.Start($"silo-{i}", host, postgres.ConnectionString, clusterId)).ToList();
            disposables.AddRange(silos);
            processes.AddRange(silos.Select(s => s.Process));
            await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync()));

            // The cluster formed across machines: one Active row per silo, each at its own machine's address.
            await using var database = NpgsqlDataSource.Create(postgres.ConnectionString);
            await Wait.Until(
                async () => (await ActiveHostsAsync(database, clusterId)).SetEquals(siloHosts.Select(h => h.Address.ToString())),
                $"the membership table lists silos at {string.Join(", ", siloHosts.Select(h => h.Address))} as Active",
                TimeSpan.FromSeconds(30));

            var gateway = await GatewayNode.StartAsync(gatewayHost, postgres.ConnectionString, clusterId);
            disposables.Add(gateway);
            processes.Add(gateway.Process);

            using var alice = await ChatUser.SignUpAsync(gateway.BaseAddress, "alice" + suffix);
            using var bob = await ChatUser.SignUpAsync(gateway.BaseAddress, "bob" + suffix);
            var rooms = new List<string>();
            for (var i = 0; i < RoomCount; i++)
            {
                var room = await alice.CreateRoomAsync($"mh{i}-{suffix}");
                await bob.JoinAsync(room);
                rooms.Add(room);
            }

            var acknowledged = new List<PostedMessage>();
            acknowledged.AddRange(await PostToEveryRoomAsync(alice, rooms, "before"));
            acknowledged.AddRange(await PostToEveryRoomAsync(bob, rooms, "before"));

            // End to end: what alice posted through the gateway, bob reads back through it.
            var firstRoom = await bob.HistoryAsync(rooms[0]);
            Assert.Contains(firstRoom, m => m.SenderId == alice.UserId && m.Text == acknowledged.First(a => a.RoomId == rooms[0] && a.SenderId == alice.UserId).Text);

            // Every room is active exactly once in the cluster; the silo with the most rooms loses its cable.
            var roomsPerSilo = await Task.WhenAll(silos.Select(s => s.RoomActivationsAsync()));
            output.WriteLine($"room activations per silo before the cut: {string.Join(", ", roomsPerSilo)}");
            Assert.Equal(RoomCount, roomsPerSilo.Sum());
            var victimIndex = Array.IndexOf(roomsPerSilo, roomsPerSilo.Max());
            var victim = silos[victimIndex];
            var survivors = silos.Where(s => s != victim).ToList();

            var watch = Stopwatch.StartNew();
            var cutAt = DateTime.Now;
            victim.Host.Cut();

            // Posted while the cut is still undetected: those meant for the cut silo's rooms go unanswered until
            // the client resends them, with the same client id, to the rooms' new owners.
            var duringCut = PostToEveryRoomAsync(alice, rooms, "during");
            await Wait.Until(
                async () => await StatusAsync(database, clusterId, victim.Host.Address) == SiloStatus.Dead,
                $"{victim.Name} at {victim.Host.Address} is Dead in the membership table",
                DeathBound);
            output.WriteLine($"{victim.Name} declared Dead {watch.Elapsed.TotalSeconds:0.0} s after its cable was cut");
            foreach (var survivor in survivors)
            {
                Assert.Equal(SiloStatus.Active, await StatusAsync(database, clusterId, survivor.Host.Address));
            }

            // Its rooms resume on the others: every room takes messages again, and the survivors now host all of them.
            acknowledged.AddRange(await duringCut);
            acknowledged.AddRange(await PostToEveryRoomAsync(alice, rooms, "after"));
            acknowledged.AddRange(await PostToEveryRoomAsync(bob, rooms, "after"));
            var roomsOnSurvivors = await Task.WhenAll(survivors.Select(s => s.RoomActivationsAsync()));
            output.WriteLine($"room activations on the survivors after the cut: {string.Join(", ", roomsOnSurvivors)}");
            Assert.Equal(RoomCount, roomsOnSurvivors.Sum());

            // Cut off from the table and from every peer it cannot read its Dead row, so it stops on
            // Membership:IsolationTimeout (by default five probe-suspicion periods: 10 s here), on its own.
            var left = IsolationBound - watch.Elapsed;
            await victim.Process.WaitForExitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            output.WriteLine($"{victim.Name} exited by itself {(victim.Process.ExitTime - cutAt).TotalSeconds:0.0} s after the cut, with code {victim.Process.ExitCode}");
            Assert.Contains("reached neither the membership table nor any peer", victim.Process.Output, StringComparison.Ordinal);
            Assert.All(survivors, s => Assert.False(s.Process.HasExited, $"{s.Name} exited"));

            // No acknowledged message is lost, none is stored twice, and nothing unacknowledged appears.
            foreach (var room in rooms)
            {
                var history = await bob.HistoryAsync(room);
                var expected = acknowledged.Where(a => a.RoomId == room).OrderBy(a => a.Seq).ToList();
                Assert.Equal(expected.Select(e => (e.Seq, e.SenderId, e.Text)), history.Select(h => (h.Seq, h.SenderId, h.Text)));
            }

            Assert.Equal(acknowledged.Count, await StoredMessageCountAsync(database, rooms));
        }
        catch
        {
            foreach (var process in processes)
            {
                output.WriteLine($"--- {process.Name} (pid {process.Pid}, {process.Host.Address}){(process.HasExited ? $", exited with {process.ExitCode}" : string.Empty)} ---");
                output.WriteLine(process.Output);
            }

            throw;
        }
        finally
        {
            for (var i = disposables.Count - 1; i >= 0; i--)
            {
                disposables[i].Dispose();
            }
        }
    }

    /// <summary>One message per room from <paramref name="user"/>, each resent with the same client id until acknowledged.</summary>
    private static async Task<PostedMessage[]> PostToEveryRoomAsync(ChatUser user, IEnumerable<string> rooms, string phase) =>
        await Task.WhenAll(rooms.Select(async room =>
        {
            var clientMessageId = Guid.NewGuid().ToString();
            var text = $"{phase} from {user.UserId} ({clientMessageId})";
            var watch = Stopwatch.StartNew();
            while (true)
            {
                if (await user.TryPostAsync(room, clientMessageId, text, PostPatience) is { } seq)
                {
                    return new PostedMessage(room, seq, user.UserId, text);
                }

                if (watch.Elapsed > PostBound)
                {
                    throw new TimeoutException($"No acknowledgement for a message to room {room} within {PostBound.TotalSeconds:0} s.");
                }

                // A client's retry back-off, not a wait for a condition: the resend itself is the check.
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }));

    private static async Task<HashSet<string>> ActiveHostsAsync(NpgsqlDataSource database, string clusterId)
    {
        var view = await MembershipTableReader.ReadAsync(database, clusterId);
        return view.Members.Where(m => m.Status == SiloStatus.Active).Select(m => m.Address.Host).ToHashSet();
    }

    private static async Task<SiloStatus?> StatusAsync(NpgsqlDataSource database, string clusterId, IPAddress host)
    {
        var view = await MembershipTableReader.ReadAsync(database, clusterId);
        return view.Members.Where(m => m.Address.Host == host.ToString()).OrderByDescending(m => m.Address.Generation).FirstOrDefault()?.Status;
    }

    private static async Task<long> StoredMessageCountAsync(NpgsqlDataSource database, IEnumerable<string> rooms)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM chat_messages WHERE conversation_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = rooms.Select(r => "room:" + r).ToArray() });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
