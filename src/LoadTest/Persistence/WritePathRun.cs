using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansChat.Grains;
using OrleansChat.Grains.Errors;
using OrleansChat.Grains.Messages;
using OrleansChat.Grains.Rooms;
using OrleansChat.Grains.Security;
using OrleansChat.Grains.Users;
using OrleansChat.LoadTest.Measurement;
using OrleansChat.LoadTest.Reporting;
using OrleansChat.Runtime;
using OrleansChat.Runtime.Client;
using OrleansChat.Runtime.Hosting;

namespace OrleansChat.LoadTest.Persistence;

/// <summary>
/// The cluster's write path without the gateway: joins a running cluster as a client (as the gateway
/// does), creates rooms, and keeps a fixed number of posts in flight against the room grains. A post
/// completes only after its message is committed in PostgreSQL, so acknowledged posts/s is the
/// persisted messages/s of silos, grains, group commit and database together. Afterwards every
/// acknowledged message is looked up in the database: stored once, under its acknowledged number,
/// and every room's numbers are gap-free.
/// </summary>
internal sealed class WritePathRun(WritePathSettings settings, IRunReporter reporter)
{
    public async Task<WritePathFigures> RunAsync(CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddOrleansChatPostgres(settings.ConnectionString);
        builder.Services.AddClusterClient([GrainsAssembly.Assembly], o => o.ClusterId = settings.ClusterId);
        using var client = builder.Build();
        await client.StartAsync(cancellationToken);
        try
        {
            try
            {
                await client.Services.GetRequiredService<IClusterClientStatus>().WaitForActiveSilosAsync(settings.Silos)
                    .WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException(
                    $"Cluster '{settings.ClusterId}' did not have {settings.Silos} active silo(s) within 30 s: is it running, on this database, with this cluster id?");
            }

            var grains = client.Services.GetRequiredService<IGrainFactory>();
            var rooms = await CreateRoomsAsync(grains, cancellationToken);
            return await PostAsync(grains, rooms, cancellationToken);
        }
        finally
        {
            await client.StopAsync(CancellationToken.None);
        }
    }

    // One owner per room, so that no user's limits or spam checks span rooms.
    private async Task<(string RoomId, string OwnerId)[]> CreateRoomsAsync(IGrainFactory grains, CancellationToken cancellationToken)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rooms = Enumerable.Range(0, settings.Rooms).Select(i => ($"wp-{run}-{i}", $"wpu-{run}-{i}")).ToArray();
        reporter.Info($"creating {rooms.Length} rooms");
        await Parallel.ForEachAsync(rooms, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken }, async (room, _) =>
        {
            ChatCaller.Set(room.Item2);
            await grains.GetGrain<IUserGrain>(room.Item2).Register(new RegisterUserRequest(room.Item2, room.Item2));
            await grains.GetGrain<IRoomGrain>(room.Item1).Create(new CreateRoomRequest(room.Item1));
        });
        return rooms;
    }

    private async Task<WritePathFigures> PostAsync(IGrainFactory grains, (string RoomId, string OwnerId)[] rooms, CancellationToken cancellationToken)
    {
        var latency = new LatencyHistogram();
        var acked = new ConcurrentBag<AckedMessage>();
        var errors = new ConcurrentDictionary<string, long>();
        var text = new string('x', settings.TextBytes);
        long ackedCount = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Poster p always writes to room p % Rooms, one post at a time: its own posts are numbered in order.
        async Task PosterAsync(int poster)
        {
            var (roomId, ownerId) = rooms[poster % rooms.Length];
            ChatCaller.Set(ownerId);
            var room = grains.GetGrain<IRoomGrain>(roomId);
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var clientId = $"p{poster}-{n}";
                var started = Stopwatch.GetTimestamp();
                try
                {
                    // The number in the text keeps the grains' repeated-text check from refusing the load.
                    var result = await room.Post(new PostMessageRequest(clientId, $"{n} {text}"));
                    latency.Record((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                    acked.Add(new AckedMessage(ConversationIds.ForRoom(roomId), ownerId, clientId, result.Message.Seq));
                    Interlocked.Increment(ref ackedCount);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    errors.AddOrUpdate(ErrorCode(ex), 1, (_, count) => count + 1);
                }
            }
        }

        reporter.Info($"posting with {settings.InFlight} in flight for {settings.Warmup.TotalSeconds:0} s warm-up + {settings.Duration.TotalSeconds:0} s");
        var posters = Enumerable.Range(0, settings.InFlight).Select(p => Task.Run(() => PosterAsync(p), CancellationToken.None)).ToArray();
        await Task.Delay(settings.Warmup, cancellationToken);
        var (windowStart, ackedAtStart, latencyAtStart) = (Stopwatch.GetTimestamp(), Interlocked.Read(ref ackedCount), latency.Snapshot());
        await Task.Delay(settings.Duration, cancellationToken);
        var (windowEnd, ackedAtEnd, latencyAtEnd) = (Stopwatch.GetTimestamp(), Interlocked.Read(ref ackedCount), latency.Snapshot());
        await stop.CancelAsync();
        await Task.WhenAll(posters);

        var seconds = Stopwatch.GetElapsedTime(windowStart, windowEnd).TotalSeconds;
        var messages = acked.ToArray();
        reporter.Info($"checking {messages.Length:N0} acknowledged messages in PostgreSQL");
        var check = await new AckedMessageVerifier(settings.ConnectionString, new StoredMessageQuery(new MessageTableOptions()))
            .VerifyAsync(messages, cancellationToken);
        var gaps = await CountRoomsWithGapsAsync(rooms.Select(r => ConversationIds.ForRoom(r.RoomId)).ToArray(), cancellationToken);
        var errorCount = errors.Values.Sum();
        return new WritePathFigures(
            settings.Rooms,
            settings.InFlight,
            settings.Silos,
            seconds,
            ackedAtEnd - ackedAtStart,
            (ackedAtEnd - ackedAtStart) / Math.Max(seconds, 1e-9),
            latencyAtEnd.Since(latencyAtStart).Summarize(0.001),
            messages.Length,
            errorCount,
            new Dictionary<string, long>(errors),
            check,
            gaps);
    }

    // A room has a gap when its highest number is not its number of messages (numbers start at 1).
    private async Task<int> CountRoomsWithGapsAsync(string[] conversations, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT count(*)::int FROM (
                SELECT conversation_id FROM chat_messages WHERE conversation_id = ANY($1)
                GROUP BY conversation_id HAVING max(seq) <> count(*)) g
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = conversations });
        return (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
    }

    private static string ErrorCode(Exception exception) => exception switch
    {
        ChatException chat => chat.Code,
        TimeoutException => "timeout",
        _ => exception.GetType().Name,
    };
}
