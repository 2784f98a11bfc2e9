using System.Net;
using System.Net.Sockets;
using OrleansChat.Runtime.Messaging;
using Xunit.Abstractions;

namespace OrleansChat.Runtime.Tests.Messaging;

public sealed class ConnectionTests(ITestOutputHelper output)
{
    private static readonly GrainId Target = new("room", "transport-tests");

    [Fact]
    public async Task Handshake_with_a_foreign_cluster_id_is_refused_while_a_good_connection_keeps_working()
    {
        var clusterId = TestClients.NewClusterId();
        await using var server = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler());
        var collector = new ResponseCollector();
        await using var manager = TestClients.CreateManager(output, clusterId, collector);
        var good = await manager.GetConnectionAsync(server.EndPoint);
        await AssertEchoesAsync(good, collector);

        using var foreign = await RawPeer.ConnectAsync(server.EndPoint);
        await foreign.SendHandshakeAsync(RawPeer.CreateHandshake(TestClients.NewClusterId()));
        var answered = await Wait.For(foreign.ReadUntilClosedAsync(), "the server closed the foreign-cluster connection");

        Assert.Equal(0, answered);
        Assert.False(good.IsClosed);
        await AssertEchoesAsync(good, collector);
        Assert.Equal(1, server.Registry.Count);
    }

    [Fact]
    public async Task Dialing_a_silo_of_another_cluster_fails_with_ConnectionFailedException()
    {
        await using var server = await MessagingTestServer.StartAsync(output, TestClients.NewClusterId(), new EchoHandler());
        await using var manager = TestClients.CreateManager(output, TestClients.NewClusterId(), new ResponseCollector());

        await Assert.ThrowsAsync<ConnectionFailedException>(() => manager.GetConnectionAsync(server.EndPoint).AsTask());
        Assert.Equal(0, server.Registry.Count);
    }

    [Fact]
    public async Task Handshake_with_an_unsupported_protocol_version_is_refused()
    {
        var clusterId = TestClients.NewClusterId();
        await using var server = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler());

        using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendHandshakeAsync(RawPeer.CreateHandshake(clusterId, protocolVersion: 99));
        var answered = await Wait.For(peer.ReadUntilClosedAsync(), "the server closed the connection with protocol version 99");

        Assert.Equal(0, answered);
    }

    [Fact]
    public async Task First_frame_that_is_not_a_handshake_is_refused()
    {
        await using var server = await MessagingTestServer.StartAsync(output, TestClients.NewClusterId(), new EchoHandler());

        using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        await peer.SendMessageAsync(new Message { CorrelationId = 1, Direction = MessageDirection.Request, TargetGrain = Target });
        var answered = await Wait.For(peer.ReadUntilClosedAsync(), "the server closed a connection that skipped the handshake");

        Assert.Equal(0, answered);
        Assert.Equal(0, server.Registry.Count);
    }

    [Fact]
    public async Task Oversized_first_frame_is_refused_before_it_is_buffered()
    {
        await using var server = await MessagingTestServer.StartAsync(output, TestClients.NewClusterId(), new EchoHandler());

        using var peer = await RawPeer.ConnectAsync(server.EndPoint);

        // Only the length prefix of a 1 MB "handshake": the server must not wait for the rest.
        await peer.SendRawAsync([0x40, 0x42, 0x0F, 0x00]);
        var answered = await Wait.For(peer.ReadUntilClosedAsync(), "the server closed a connection announcing a 1 MB handshake");

        Assert.Equal(0, answered);
    }

    [Fact]
    public async Task Malformed_frame_closes_only_that_connection()
    {
        var clusterId = TestClients.NewClusterId();
        await using var server = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler());
        var collector = new ResponseCollector();
        await using var manager = TestClients.CreateManager(output, clusterId, collector);
        var good = await manager.GetConnectionAsync(server.EndPoint);

        using var bad = await RawPeer.ConnectAsync(server.EndPoint);
        await bad.SendHandshakeAsync(RawPeer.CreateHandshake(clusterId));
        await bad.ReceiveHandshakeAsync();
        await Wait.Until(() => server.Registry.Count == 2, "the server registered both connections");

        // A negative length prefix: the stream can no longer be trusted.
        await bad.SendRawAsync([0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0]);
        await Wait.For(bad.ReadUntilClosedAsync(), "the server closed the connection that sent a malformed frame");

        await Wait.Until(() => server.Registry.Count == 1, "the server dropped only the bad connection");
        Assert.False(good.IsClosed);
        await AssertEchoesAsync(good, collector);
    }

    [Fact]
    public async Task Ten_thousand_concurrent_requests_over_one_connection_all_correlate()
    {
        var clusterId = TestClients.NewClusterId();
        await using var server = await MessagingTestServer.StartAsync(output, clusterId, new EchoHandler());
        var collector = new ResponseCollector();
        await using var manager = TestClients.CreateManager(output, clusterId, collector);
        var connection = await manager.GetConnectionAsync(server.EndPoint);

        const int Workers = 8;
        const int PerWorker = 1250;
        var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
        {
            var calls = new List<(long Id, byte[] Body, Task<Message> Response)>(PerWorker);
            for (var i = 0; i < PerWorker; i++)
            {
                // A unique body per request, so a response matched to the wrong request shows.
                var body = Guid.NewGuid().ToByteArray();
                var (request, response) = collector.CreateRequest(Target, body);
                await connection.SendAsync(request);
                calls.Add((request.CorrelationId, body, response));
            }

            foreach (var (id, body, response) in calls)
            {
                var answer = await response;
                Assert.Equal(id, answer.CorrelationId);
                Assert.Equal(ResponseKind.Success, answer.ResponseKind);
                Assert.Equal(body, answer.Body.ToArray());
            }
        })).ToArray();

        await Wait.For(Task.WhenAll(workers), "all 10,000 responses arrived");

        Assert.Equal(0, collector.Unmatched);
        Assert.Equal(Workers * PerWorker, connection.MessagesWritten);
        Assert.Equal(Workers * PerWorker, connection.MessagesReceived);
    }

    [Fact]
    public async Task Writes_under_load_are_coalesced_into_fewer_flushes_than_messages()
    {
        var clusterId = TestClients.NewClusterId();
        var echo = new EchoHandler();
        await using var server = await MessagingTestServer.StartAsync(output, clusterId, echo);
        await using var manager = TestClients.CreateManager(output, clusterId, new ResponseCollector());
        var connection = await manager.GetConnectionAsync(server.EndPoint);

        const int Count = 10_000;
        for (var i = 0; i < Count; i++)
        {
            await connection.SendAsync(new Message { CorrelationId = i, Direction = MessageDirection.OneWay, TargetGrain = Target, Body = new byte[32] });
        }

        await Wait.Until(() => echo.OneWayReceived == Count, $"the server received all {Count} one-way messages");

        output.WriteLine($"{connection.MessagesWritten} messages in {connection.FlushCount} flushes");
        Assert.Equal(Count, connection.MessagesWritten);
        Assert.True(connection.FlushCount < connection.MessagesWritten, $"expected fewer flushes than messages, got {connection.FlushCount} for {connection.MessagesWritten}");
    }

    [Fact]
    public async Task Outbound_queue_is_bounded_when_the_peer_stops_reading()
    {
        const int Capacity = 16;
        var clusterId = TestClients.NewClusterId();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            await using var manager = TestClients.CreateManager(output, clusterId, new ResponseCollector(), options => options.OutboundQueueCapacity = Capacity);
            var connecting = manager.GetConnectionAsync((IPEndPoint)listener.LocalEndpoint).AsTask();
            var peer = RawPeer.FromAccepted(await Wait.For(listener.AcceptSocketAsync(), "the client dialed the raw peer"));
            await peer.ReceiveHandshakeAsync();
            await peer.SendHandshakeAsync(RawPeer.CreateHandshake(clusterId));
            var connection = await Wait.For(connecting, "the client finished its handshake with the raw peer");

            // From here on the peer reads nothing. A sender offers 2,000 x 64 KiB (125 MiB), far
            // more than kernel buffers and the pipe can absorb: a bounded queue must hold it back.
            const int Offered = 2_000;
            var message = new Message { Direction = MessageDirection.OneWay, TargetGrain = Target, Body = new byte[64 * 1024] };
            var accepted = 0;
            var sender = Task.Run(async () =>
            {
                for (var i = 0; i < Offered; i++)
                {
                    await connection.SendAsync(message);
                    Interlocked.Increment(ref accepted);
                }
            });

            await Wait.Until(() => !connection.TrySend(message), "TrySend reported a full queue instead of growing it");
            Assert.InRange(connection.QueuedCount, 0, Capacity);
            Assert.False(sender.IsCompleted, "expected the sender to be held back by the full queue");

            // The peer goes away: the held-back sender fails with a typed error, the closed callback
            // fires, and what was still queued is reported as never written.
            var callback = new TaskCompletionSource<ConnectionClosedInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.OnClosed((_, info) => callback.TrySetResult(info));
            peer.Dispose();
            var failure = await Assert.ThrowsAsync<ConnectionClosedException>(() => Wait.For(sender, "the held-back sender failed"));
            output.WriteLine($"{Volatile.Read(ref accepted)} of {Offered} sends accepted; {connection.MessagesWritten} written; then: {failure.Message} ({failure.InnerException?.GetType().Name})");
            Assert.True(Volatile.Read(ref accepted) < Offered, "expected most sends to be held back");
            var closed = await Wait.For(callback.Task, "the closed callback fired");
            Assert.Same(await connection.Completion, closed);
            Assert.NotEmpty(closed.Unsent);
            Assert.True(connection.IsClosed);
            await Assert.ThrowsAsync<ConnectionClosedException>(() => connection.SendAsync(message).AsTask());
            Assert.False(connection.TrySend(message));
        }
        finally
        {
            listener.Stop();
        }
    }

    private static async Task AssertEchoesAsync(Connection connection, ResponseCollector collector)
    {
        byte[] body = [1, 2, 3];
        var (request, response) = collector.CreateRequest(Target, body);
        await connection.SendAsync(request);
        var answer = await Wait.For(response, "the echo response arrived");
        Assert.Equal(body, answer.Body.ToArray());
    }
}
