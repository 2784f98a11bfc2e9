using System.Net;
using System.Net.Sockets;
using OrleansChat.Runtime.Messaging;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Messaging;

public sealed class ConnectionManagerTests(ITestOutputHelper output)
{
    private static readonly GrainId Target = new("room", "manager-tests");

    [Fact]
    public async Task Concurrent_callers_share_one_connection_to_an_endpoint()
    {
        var clusterId = TestClients.NewClusterId();
        await using var server = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler());
        await using var manager = TestClients.CreateManager(output, clusterId, new ResponseCollector());

        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 32)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await manager.GetConnectionAsync(server.EndPoint);
            }))
            .ToArray();
        start.Set();
        var connections = await Wait.For(Task.WhenAll(callers), "all callers got a connection");

        Assert.Single(connections.Distinct());
        await Wait.Until(() => server.Registry.Count == 1, "the server registered the connection");
        Assert.Equal(1, server.Registry.Count);
        Assert.Equal(1, manager.Count);
    }

    [Fact]
    public async Task Dialing_a_port_nobody_listens_on_fails_with_ConnectionFailedException()
    {
        var port = FreePort();
        await using var manager = TestClients.CreateManager(output, TestClients.NewClusterId(), new ResponseCollector());

        var error = await Assert.ThrowsAsync<ConnectionFailedException>(() => manager.GetConnectionAsync(new IPEndPoint(IPAddress.Loopback, port)).AsTask());
        Assert.IsType<SocketException>(error.InnerException);
    }

    [Fact]
    public async Task Manager_reconnects_after_the_server_restarts_on_the_same_port()
    {
        var clusterId = TestClients.NewClusterId();
        var collector = new ResponseCollector();
        await using var manager = TestClients.CreateManager(output, clusterId, collector);
        var server = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler());
        var endpoint = server.EndPoint;
        Connection first;
        try
        {
            first = await manager.GetConnectionAsync(endpoint);
            await AssertEchoesAsync(first, collector);
        }
        finally
        {
            await server.DisposeAsync();
        }

        // The server is gone: the old connection is closed, sends on it fail with a typed error,
        // and dialing fails with one too.
        await Wait.For(first.Completion, "the client saw its connection close");
        await Assert.ThrowsAsync<ConnectionClosedException>(() => first.SendAsync(collector.CreateRequest(Target, new byte[1]).Request).AsTask());
        Assert.False(manager.TryGetConnection(endpoint, out _));
        await Assert.ThrowsAsync<ConnectionFailedException>(() => manager.GetConnectionAsync(endpoint).AsTask());

        await using var restarted = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler(), port: endpoint.Port);
        var second = await Wait.For(DialUntilConnectedAsync(manager, endpoint), "the manager reconnected to the restarted server");

        Assert.NotSame(first, second);
        await AssertEchoesAsync(second, collector);
    }

    private static async Task AssertEchoesAsync(Connection connection, ResponseCollector collector)
    {
        byte[] body = [4, 5, 6];
        var (request, response) = collector.CreateRequest(Target, body);
        await connection.SendAsync(request);
        var answer = await Wait.For(response, "the echo response arrived");
        Assert.Equal(body, answer.Body.ToArray());
    }

    /// <summary>Dials until it works; the manager's backoff paces the attempts, so this loop does not spin.</summary>
    private static async Task<Connection> DialUntilConnectedAsync(ConnectionManager manager, EndPoint endpoint)
    {
        using var giveUp = new CancellationTokenSource(Wait.DefaultTimeout);
        while (true)
        {
            try
            {
                return await manager.GetConnectionAsync(endpoint, giveUp.Token);
            }
            catch (ConnectionFailedException)
            {
                // Not back yet (or the attempt raced the restart); the next call waits out the backoff.
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }
}
